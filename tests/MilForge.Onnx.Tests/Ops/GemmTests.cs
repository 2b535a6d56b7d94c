using MilForge.Onnx.Reading;
using MilForge.Precision;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Gemm: Y = alpha·A'·B' + beta·C over transA/transB, every C form (absent, scalar, [1], [N], [1, N], [M, 1], [M, N]),
/// constant and run-time B and C (constant B with a per-column C becomes MIL linear), alpha/beta, opsets 7–13.
/// </summary>
public class GemmTests
{
    private const int M = 3, K = 4, N = 5;

    private static readonly (string Name, int[]? Shape)[] CForms =
        [("no C", null), ("scalar C", []), ("C [1]", [1]), ("C [N]", [N]), ("C [1,N]", [1, N]), ("C [M,1]", [M, 1]), ("C [M,N]", [M, N])];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var (transA, transB) in new[] { (0L, 0L), (1L, 0L), (0L, 1L), (1L, 1L) })
        {
            foreach (var constantB in new[] { false, true })
            {
                foreach (var (cName, cShape) in CForms)
                {
                    foreach (var constantC in cShape is null ? [false] : new[] { false, true })
                    {
                        var name = $"transA {transA} transB {transB} {(constantB ? "const" : "input")} B, {cName}{(constantC ? " const" : "")}";
                        var c = new NodeCase(name, "Gemm", 13).Input("a", TestTensors.Uniform(seed++, transA == 1 ? [K, M] : [M, K]));
                        var b = TestTensors.Uniform(seed++, transB == 1 ? [N, K] : [K, N]);
                        c = constantB ? c.Constant("b", b) : c.Input("b", b);
                        if (cShape is not null)
                        {
                            var cValue = TestTensors.Uniform(seed++, cShape);
                            c = constantC ? c.Constant("c", cValue) : c.Input("c", cValue);
                        }
                        data.Add(c.Attr("transA", transA).Attr("transB", transB).Output("y"));
                    }
                }
            }
        }
        foreach (var constantB in new[] { false, true })
        {
            var kind = constantB ? "const" : "input";
            foreach (var (alpha, beta) in new[] { (0.5f, 1f), (1f, 2f), (-1.5f, 0.25f), (2f, 0f) })
            {
                var c = new NodeCase($"alpha {alpha} beta {beta} {kind} B", "Gemm", 13).Input("a", TestTensors.Uniform(seed++, [M, K]));
                c = constantB ? c.Constant("b", TestTensors.Uniform(seed++, [N, K])) : c.Input("b", TestTensors.Uniform(seed++, [N, K]));
                data.Add(c.Constant("c", TestTensors.Uniform(seed++, [N])).Attr("alpha", alpha).Attr("beta", beta).Attr("transB", 1L).Output("y"));
            }
            data.Add(new NodeCase($"alpha without C {kind} B", "Gemm", 13).Input("a", TestTensors.Uniform(seed++, [M, K]))
                .Constant("b", TestTensors.Uniform(seed++, [K, N])).Attr("alpha", 3f).Output("y"));
            data.Add(new NodeCase($"beta with [M,N] C {kind} B", "Gemm", 13).Input("a", TestTensors.Uniform(seed++, [M, K]))
                .Constant("b", TestTensors.Uniform(seed++, [K, N])).Input("c", TestTensors.Uniform(seed++, [M, N])).Attr("beta", 0.5f).Output("y"));
        }
        foreach (var opset in new[] { 7, 9, 11 })
        {
            data.Add(new NodeCase($"opset {opset}", "Gemm", opset).Input("a", TestTensors.Uniform(seed++, [M, K]))
                .Constant("b", TestTensors.Uniform(seed++, [K, N])).Constant("c", TestTensors.Uniform(seed++, [N])).Attr("alpha", 0.5f).Output("y"));
        }
        data.Add(new NodeCase("symbolic M", "Gemm", 13).SymbolicInput("a", TestTensors.Uniform(seed++, [M, K]), 0)
            .Constant("b", TestTensors.Uniform(seed++, [N, K])).Constant("c", TestTensors.Uniform(seed++, [N])).Attr("transB", 1L).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void ConstantBWithPerColumnCFoldsIntoOneLinear()
    {
        // transB=0 and alpha/beta ≠ 1: the transposed, scaled weight and the scaled bias fold at import.
        var c = new NodeCase("structure", "Gemm", 13).Input("a", TestTensors.Uniform(1, [M, K])).Constant("b", TestTensors.Uniform(2, [K, N]))
            .Constant("c", TestTensors.Uniform(3, [N])).Attr("alpha", 0.5f).Attr("beta", 2f).Output("y");
        var ops = OnnxConversion.Import(OnnxModel.Parse(c.ModelBytes(), null, "gemm")).Program.Main.AllOperations()
            .Where(o => !o.IsConst).Select(o => o.Type);
        Assert.Equal(["linear"], ops);
        OnnxOracle.AssertMatches(c);
    }
}
