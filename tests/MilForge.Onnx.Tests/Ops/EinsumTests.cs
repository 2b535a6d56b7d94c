using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Einsum: batched matmuls (attention forms), transposes, reductions, outer and inner products, implicit outputs,
/// summed labels of one operand, permuted outputs; diagonals, ellipsis and three operands are refused.
/// </summary>
public class EinsumTests
{
    private static readonly (string Equation, int[] A, int[]? B)[] Equations =
    [
        ("bij,bjk->bik", [2, 3, 4], [2, 4, 5]),
        ("bhid,bhjd->bhij", [2, 3, 4, 8], [2, 3, 5, 8]),
        ("bhij,bhjd->bhid", [2, 3, 4, 5], [2, 3, 5, 8]),
        ("ij,jk->ik", [3, 4], [4, 2]),
        ("ij,kj->ik", [3, 4], [2, 4]),
        ("ji,jk->ik", [4, 3], [4, 2]),
        ("ij->ji", [3, 4], null),
        ("ij->i", [3, 4], null),
        ("ijk->", [2, 3, 4], null),
        ("ijk->kji", [2, 3, 4], null),
        ("i,j->ij", [3], [4]),
        ("i,i->", [5], [5]),
        ("i,i", [5], [5]),
        ("ij,jk", [3, 4], [4, 2]),
        ("ba,cb", [3, 4], [2, 3]),
        ("bij,bjk->bki", [2, 3, 4], [2, 4, 5]),
        ("ij,jk->ki", [3, 4], [4, 2]),
        ("ijk,jl->il", [2, 3, 4], [3, 5]),
        ("bid,bjd->bij", [2, 4, 8], [2, 6, 8]),
        ("ij,ij->ij", [3, 4], [3, 4]),
        ("ij,ij->i", [3, 4], [3, 4]),
        ("b i j, b j k -> b i k", [1, 2, 2], [1, 2, 3]),
    ];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var (equation, a, b) in Equations)
        {
            var c = new NodeCase(equation, "Einsum", 12).Attr("equation", equation).Input("a", TestTensors.Uniform(seed++, a));
            data.Add((b is null ? c : c.Input("b", TestTensors.Uniform(seed++, b))).Output("y"));
        }
        data.Add(new NodeCase("float16", "Einsum", 12).Attr("equation", "bij,bjk->bik").Input("a", TestTensors.Uniform(seed++, [2, 2, 3]).CastTo(DataType.Float16))
            .Input("b", TestTensors.Uniform(seed++, [2, 3, 2]).CastTo(DataType.Float16)).Output("y", DataType.Float16));
        data.Add(new NodeCase("constant operand", "Einsum", 12).Attr("equation", "ij,jk->ik").Input("a", TestTensors.Uniform(seed++, [2, 3]))
            .Constant("b", TestTensors.Uniform(seed++, [3, 4])).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [InlineData("ii->i", "diagonals")]
    [InlineData("...ij,...jk->...ik", "ellipsis")]
    public void UnsupportedEquationsNameTheEquation(string equation, string why)
    {
        var shape = equation.StartsWith("...", StringComparison.Ordinal) ? new[] { 2, 3, 3 } : [3, 3];
        var c = new NodeCase(equation, "Einsum", 12).Attr("equation", equation).Input("a", TestTensors.Uniform(1, shape));
        c = equation.Contains(',', StringComparison.Ordinal) ? c.Input("b", TestTensors.Uniform(2, shape)) : c;
        var e = Rejection.Assert(c.Output("y"), DiagnosticCodes.OnnxBadAttribute, why);
        Assert.Contains(equation, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThreeOperandsAreRefused() =>
        Rejection.Assert(new NodeCase("three", "Einsum", 12).Attr("equation", "i,i,i->i").Input("a", TestTensors.Uniform(1, [3])).Input("b", TestTensors.Uniform(2, [3]))
            .Input("c", TestTensors.Uniform(3, [3])).Output("y"), DiagnosticCodes.OnnxBadAttribute, "one or two operands");
}
