namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Softmax and LogSoftmax: opset 13 normalizes one axis (default −1); opsets 1 and 11 coerce the input to 2-D at
/// <c>axis</c> (default 1) and normalize the flattened rows.
/// </summary>
public class SoftmaxTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var x4 = TestTensors.Uniform(1, [2, 3, 4, 5], -5, 5);
        foreach (var op in new[] { "Softmax", "LogSoftmax" })
        {
            data.Add(new NodeCase("default axis", op, 13).Input("x", x4).Output("y"));
            foreach (var axis in new long[] { 0, 1, 2, -2, -4 })
            {
                data.Add(new NodeCase($"axis {axis}", op, 13).Input("x", x4).Attr("axis", axis).Output("y"));
            }
            data.Add(new NodeCase("rank 1", op, 13).Input("x", TestTensors.Uniform(2, [7], -3, 3)).Output("y"));
            data.Add(new NodeCase("rank 5", op, 13).Input("x", TestTensors.Uniform(3, [1, 2, 3, 2, 4], -3, 3)).Attr("axis", 2L).Output("y"));
            foreach (var opset in new[] { 1, 11 })
            {
                data.Add(new NodeCase("2-D coercion default axis", op, opset).Input("x", x4).Output("y"));
                data.Add(new NodeCase("2-D coercion axis 2", op, opset).Input("x", x4).Attr("axis", 2L).Output("y"));
                data.Add(new NodeCase("2-D coercion axis 0", op, opset).Input("x", x4).Attr("axis", 0L).Output("y"));
                data.Add(new NodeCase("2-D coercion axis -1", op, opset).Input("x", x4).Attr("axis", -1L).Output("y"));
                data.Add(new NodeCase("2-D coercion axis -3", op, opset).Input("x", x4).Attr("axis", -3L).Output("y"));
                data.Add(new NodeCase("2-D input", op, opset).Input("x", TestTensors.Uniform(4, [3, 6], -3, 3)).Output("y"));
            }
            data.Add(new NodeCase("large logits", op, 13).Input("x", TestTensors.Floats([2, 3], 1000, 999, -1000, 65504, 0, -65504)).Output("y"));
            data.Add(new NodeCase("infinities", op, 13)
                .Input("x", TestTensors.Floats([2, 3], float.NegativeInfinity, 0, 1, float.NegativeInfinity, 2, float.NegativeInfinity)).Output("y"));
            data.Add(new NodeCase("all -inf row", op, 13).Input("x", TestTensors.Floats([2, 2], float.NegativeInfinity, float.NegativeInfinity, 0, 1)).Output("y"));
            if (op == "Softmax")
            {
                // Not LogSoftmax: ONNX's Log(Softmax) makes the whole row NaN, MilForge's stable x − logsumexp(x) gives −inf
                // for the finite entries, as ONNX Runtime's own ReduceLogSumExp does (a deliberate deviation for +inf logits).
                data.Add(new NodeCase("+inf in row", op, 13).Input("x", TestTensors.Floats([2, 2], float.PositiveInfinity, 0, 1, 1)).Output("y"));
            }
            data.Add(new NodeCase("NaN row", op, 13).Input("x", TestTensors.Floats([2, 2], float.NaN, 1, 2, 3)).Output("y"));
            data.Add(new NodeCase("2-D coercion at the last axis, symbolic batch", op, 11).SymbolicInput("x", TestTensors.Uniform(6, [3, 4], -2, 2), 0).Output("y"));
            data.Add(new NodeCase("symbolic batch", op, 13).SymbolicInput("x", TestTensors.Uniform(5, [3, 4], -2, 2), 0).Output("y"));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void LegacyCoercionNeedsStaticShape() =>
        Rejection.Assert(new NodeCase("symbolic", "Softmax", 11).SymbolicInput("x", TestTensors.Uniform(1, [2, 3, 4]), 0).Output("y"),
            Diagnostics.DiagnosticCodes.OnnxBadAttribute, "static shape");
}
