using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// ScatterND, ScatterElements and Scatter (9): every reduction at the opsets that have it (none, add, mul; max and min
/// from 18), element and slice tuples, axes (negative too), negative indices (constant and run-time, also on iOS17),
/// repeated indices under reductions, float, int32 and int64 data; unsupported reductions are refused.
/// </summary>
public class ScatterTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var x = TestTensors.Uniform(1, [4, 3, 2]);
        foreach (var constant in new[] { true, false })
        {
            NodeCase Case(string name, string op, int opset, Tensor input, Tensor indices, Tensor updates)
            {
                var c = new NodeCase($"{name} ({(constant ? "constant" : "run-time")} indices)", op, opset).Input("x", input);
                return (constant ? c.Constant("i", indices) : c.Input("i", indices)).Input("u", updates);
            }
            foreach (var (reduction, opset) in new[] { ("none", 13), ("add", 16), ("mul", 16), ("max", 18), ("min", 18), ("none", 18) })
            {
                // Distinct tuples for none (ONNX leaves repeated targets undefined there), repeats for the reductions.
                var rows = reduction == "none" ? Tensor.Create(new long[] { 1, -1, 0 }, 3, 1) : Tensor.Create(new long[] { 1, -1, 1, 0 }, 4, 1);
                var nd = Case($"ScatterND rows reduction {reduction}", "ScatterND", opset, x, rows, TestTensors.Uniform(2, [rows.Shape[0], 3, 2]));
                data.Add((opset >= 16 ? nd.Attr("reduction", reduction) : nd).Output("y"));
                var elements = Tensor.Create(reduction == "none" ? new long[] { 0, 2, -2, 1, 2, 0 } : new long[] { 0, 2, 0, 1, -1, 1 }, 2, 3);
                var se = Case($"ScatterElements axis 1 reduction {reduction}", "ScatterElements", opset, TestTensors.Uniform(3, [2, 3]), elements, TestTensors.Uniform(4, [2, 3]));
                data.Add((opset >= 16 ? se.Attr("reduction", reduction) : se).Attr("axis", 1L).Output("y"));
            }
            data.Add(Case("ScatterND element tuples", "ScatterND", 11, x, Tensor.Create(new long[] { 0, 1, 1, 3, 2, 0, -1, -3, -2 }, 3, 3), TestTensors.Uniform(5, [3])).Output("y"));
            data.Add(Case("ScatterND pairs", "ScatterND", 13, x, Tensor.Create(new long[] { 0, 1, 3, -1 }, 2, 2), TestTensors.Uniform(6, [2, 2])).Output("y"));
            data.Add(Case("ScatterND 2-D batch of tuples", "ScatterND", 16, x, Tensor.Create(new long[] { 0, 1, 2, 1, 3, 2 }, 2, 3, 1), TestTensors.Uniform(7, [2, 3, 3, 2]))
                .Attr("reduction", "add").Output("y"));
            data.Add(Case("ScatterND int32 data", "ScatterND", 16, Tensor.Create(new[] { 1, 2, 3, 4 }, 4), Tensor.Create(new long[] { 1, 1, -1 }, 3, 1), Tensor.Create(new[] { 5, 6, 7 }, 3))
                .Attr("reduction", "mul").Output("y", DataType.Int32));
            data.Add(Case("ScatterND int64 data", "ScatterND", 18, TestTensors.Longs(8, [2, 3], -9, 9), Tensor.Create(new long[] { 1, 0 }, 2, 1), TestTensors.Longs(9, [2, 3], -9, 9))
                .Attr("reduction", "max").Output("y", DataType.Int64));
            data.Add(Case("ScatterElements axis 0", "ScatterElements", 13, TestTensors.Uniform(10, [3, 3]), Tensor.Create(new long[] { 1, 0, 2, 0, 2, 1 }, 2, 3), TestTensors.Uniform(11, [2, 3]))
                .Output("y"));
            data.Add(Case("ScatterElements axis -1 rank 3", "ScatterElements", 13, x, TestTensors.Longs(12, [4, 3, 1], -2, 2), TestTensors.Uniform(13, [4, 3, 1]))
                .Attr("axis", -1L).Output("y"));
            data.Add(Case("ScatterElements int64 data", "ScatterElements", 16, TestTensors.Longs(14, [2, 4], -9, 9), Tensor.Create(new long[] { 3, 3, 0, -4 }, 2, 2),
                TestTensors.Longs(15, [2, 2], -9, 9)).Attr("axis", 1L).Attr("reduction", "add").Output("y", DataType.Int64));
            data.Add(Case("Scatter axis 1", "Scatter", 9, TestTensors.Uniform(16, [2, 5]), Tensor.Create(new long[] { 1, 3, 0, 4 }, 2, 2), TestTensors.Uniform(17, [2, 2]))
                .Attr("axis", 1L).Output("y"));
            data.Add(Case("Scatter default axis", "Scatter", 9, TestTensors.Uniform(18, [3, 3]), Tensor.Create(new long[] { 1, 0, 2, 0, 2, 1 }, 2, 3), TestTensors.Uniform(19, [2, 3]))
                .Output("y"));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeOnIos17(NodeCase c) => OnnxOracle.AssertMatches(c, Mil.DeploymentTarget.iOS17);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => OnnxOracle.AssertMatchesFp16(c);

    [Fact]
    public void MaxBeforeOpset18IsRejected() =>
        Rejection.Assert(new NodeCase("max at 16", "ScatterND", 16).Input("x", TestTensors.Uniform(1, [3])).Constant("i", Tensor.Create(new long[] { 1 }, 1, 1))
            .Input("u", TestTensors.Uniform(2, [1])).Attr("reduction", "max").Output("y"), DiagnosticCodes.OnnxBadAttribute, "reduction");

    [Fact]
    public void IndicesNarrowerThanDataOffTheAxisAreRejected() =>
        Rejection.Assert(new NodeCase("narrow", "ScatterElements", 13).Input("x", TestTensors.Uniform(1, [3, 3])).Constant("i", Tensor.Create(new long[] { 1, 0 }, 1, 2))
            .Input("u", TestTensors.Uniform(2, [1, 2])).Attr("axis", 0L).Output("y"), DiagnosticCodes.OnnxBadAttribute, "off axis");
}
