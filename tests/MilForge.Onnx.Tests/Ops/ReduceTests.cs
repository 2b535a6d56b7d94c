namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// The Reduce* family: axes as an attribute (before opset 13 for ReduceSum, before 18 for the others) and as an
/// input, negative and unsorted axes, keepdims, no axes (all dims), noop_with_empty_axes, ranks 1–5, integer inputs,
/// special values.
/// </summary>
public class ReduceTests
{
    // (op, the opset where axes became an input, the ONNX Runtime-supported attribute-form opsets, input range)
    private static readonly (string Op, int InputSince, int[] AttrOpsets, float Lo, float Hi)[] Ops =
    [
        ("ReduceSum", 13, [1, 11], -3, 3),
        ("ReduceMean", 18, [1, 11, 13], -3, 3),
        ("ReduceMax", 18, [1, 11, 12, 13], -3, 3),
        ("ReduceMin", 18, [1, 11, 12, 13], -3, 3),
        ("ReduceProd", 18, [1, 11, 13], 0.5f, 1.5f),
        ("ReduceL1", 18, [1, 11, 13], -3, 3),
        ("ReduceL2", 18, [1, 11, 13], -3, 3),
        ("ReduceLogSum", 18, [1, 11, 13], 0.1f, 3),
        ("ReduceLogSumExp", 18, [1, 11, 13], -3, 3),
        ("ReduceSumSquare", 18, [1, 11, 13], -3, 3),
    ];

    private static readonly (string Name, long[]? Axes, long KeepDims)[] Reductions =
    [
        ("axis 1", [1], 1), ("axis 1 drop", [1], 0), ("negative unsorted axes", [-1, 0], 1), ("negative axes drop", [2, -3], 0),
        ("all axes listed", [0, 1, 2], 0), ("no axes", null, 1), ("no axes drop", null, 0),
    ];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var (op, inputSince, attrOpsets, lo, hi) in Ops)
        {
            var x = TestTensors.Uniform(seed++, [2, 3, 4], lo, hi);
            foreach (var (name, axes, keep) in Reductions)
            {
                var attr = new NodeCase($"{name} attr", op, attrOpsets[^1]).Input("x", x).Attr("keepdims", keep);
                data.Add((axes is null ? attr : attr.Attr("axes", axes)).Output("y"));
                var input = new NodeCase($"{name} input", op, inputSince).Input("x", x).Attr("keepdims", keep);
                data.Add((axes is null ? input : input.Constant("axes", TestTensors.LongVector(axes))).Output("y"));
            }
            foreach (var opset in attrOpsets[..^1])
            {
                data.Add(new NodeCase($"opset {opset}", op, opset).Input("x", x).Attr("axes", [0L, 2L]).Output("y"));
            }
            data.Add(new NodeCase("default keepdims", op, inputSince).Input("x", x).Constant("axes", TestTensors.LongVector(2)).Output("y"));
            data.Add(new NodeCase("empty axes input reduces all", op, inputSince).Input("x", x).Constant("axes", Tensor.Create(Array.Empty<long>(), 0)).Output("y"));
            data.Add(new NodeCase("noop_with_empty_axes, no axes", op, inputSince).Input("x", x).Attr("noop_with_empty_axes", 1L).Output("y"));
            data.Add(new NodeCase("noop_with_empty_axes, empty axes", op, inputSince).Input("x", x).Constant("axes", Tensor.Create(Array.Empty<long>(), 0))
                .Attr("noop_with_empty_axes", 1L).Output("y"));
            data.Add(new NodeCase("noop_with_empty_axes, given axes", op, inputSince).Input("x", x).Constant("axes", TestTensors.LongVector(1))
                .Attr("noop_with_empty_axes", 1L).Output("y"));
            data.Add(new NodeCase("rank 1", op, inputSince).Input("x", TestTensors.Uniform(seed++, [7], lo, hi)).Attr("keepdims", 0L).Output("y"));
            data.Add(new NodeCase("rank 5", op, inputSince).Input("x", TestTensors.Uniform(seed++, [2, 1, 3, 2, 2], lo, hi))
                .Constant("axes", TestTensors.LongVector(1, 3, -1)).Output("y"));
            data.Add(new NodeCase("symbolic batch", op, inputSince).SymbolicInput("x", x, 0).Constant("axes", TestTensors.LongVector(-1)).Attr("keepdims", 0L)
                .Output("y"));
        }
        var special = TestTensors.Floats([2, 4], float.PositiveInfinity, float.NegativeInfinity, 1, 2, float.NaN, 65504, 65504, 65504);
        foreach (var op in new[] { "ReduceSum", "ReduceMean", "ReduceMax", "ReduceMin", "ReduceL2", "ReduceSumSquare", "ReduceLogSumExp" })
        {
            data.Add(new NodeCase("special values", op, 18).Input("x", special).Constant("axes", TestTensors.LongVector(1)).Output("y"));
        }
        data.Add(new NodeCase("log-sum-exp of large values", "ReduceLogSumExp", 18).Input("x", TestTensors.Floats([2, 3], 1000, 999, 998, -1000, -1001, -65504))
            .Constant("axes", TestTensors.LongVector(1)).Output("y"));
        foreach (var (op, opset) in new[] { ("ReduceSum", 13), ("ReduceMax", 18), ("ReduceMin", 18), ("ReduceProd", 18) })
        {
            data.Add(new NodeCase("int32", op, opset).Input("x", Tensor.Create(new[] { 1, -2, 3, 4, 5, -6 }, 2, 3)).Constant("axes", TestTensors.LongVector(1))
                .Output("y", DataType.Int32));
            data.Add(new NodeCase("int64", op, opset).Input("x", Tensor.Create(new long[] { 1, -2, 3, 4, 5, -6 }, 2, 3))
                .Constant("axes", TestTensors.LongVector(0)).Output("y", DataType.Int64));
        }
        data.Add(new NodeCase("int32 mean truncates", "ReduceMean", 18).Input("x", Tensor.Create(new[] { 1, 2, 2, -4, -5, 5 }, 2, 3))
            .Constant("axes", TestTensors.LongVector(1)).Output("y", DataType.Int32));
        foreach (var op in new[] { "ReduceMax", "ReduceMin" })
        {
            data.Add(new NodeCase("opset 20", op, 20).Input("x", TestTensors.Uniform(seed++, [3, 4])).Constant("axes", TestTensors.LongVector(0)).Output("y"));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void RunTimeAxesAreRejected() =>
        Rejection.Assert(new NodeCase("run-time axes", "ReduceSum", 13).Input("x", TestTensors.Uniform(1, [2, 3])).Input("axes", TestTensors.LongVector(1)).Output("y"),
            Diagnostics.DiagnosticCodes.OnnxNotConstant, "axes");
}
