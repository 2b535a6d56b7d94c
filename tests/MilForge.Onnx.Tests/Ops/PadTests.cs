using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Pad: every mode (constant, reflect, edge, wrap) on fp32, fp16 and int data, pads as attribute (opset 2) and input
/// (11–21), constant_value constant, absent and computed at run time, axes (18+, negative), negative pads (cropping),
/// pads on leading dims and pads larger than the dim (wrap).
/// </summary>
public class PadTests
{
    // (name, x shape, pads [begins..., ends...], axes or null).
    private static readonly (string Name, int[] X, long[] Pads, long[]? Axes)[] Layouts =
    [
        ("last dim", [3, 5], [0, 2, 0, 1], null),
        ("last two dims", [2, 4, 5], [0, 1, 2, 0, 3, 1], null),
        ("begin only", [4, 4], [1, 3, 0, 0], null),
        ("leading dim", [3, 4, 5], [2, 0, 0, 1, 0, 0], null),
        ("every dim", [2, 3, 4], [1, 1, 1, 1, 1, 1], null),
        ("negative crop", [4, 6], [-1, 2, 0, -3], null),
        ("only crop", [4, 6], [0, -2, -1, 0], null),
        ("axes", [2, 3, 4], [1, 2, 2, 1], [1, 2]),
        ("negative axes", [2, 3, 4], [2, 1], [-1]),
        ("no padding", [2, 3], [0, 0, 0, 0], null),
    ];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var mode in new[] { "constant", "reflect", "edge", "wrap" })
        {
            foreach (var (name, shape, pads, axes) in Layouts)
            {
                data.Add(Inputs(new NodeCase($"{mode} {name}", "Pad", 19).Attr("mode", mode).Input("x", TestTensors.Uniform(seed++, shape, -3, 3)), pads, axes, 1.5f));
            }
            data.Add(Inputs(new NodeCase($"{mode} int32", "Pad", 19).Attr("mode", mode).Input("x", Ints(seed++, [3, 4])), [1, 2, 2, 1], null, null, DataType.Int32));
            data.Add(Inputs(new NodeCase($"{mode} int64", "Pad", 19).Attr("mode", mode).Input("x", TestTensors.Longs(seed++, [2, 3, 4], -50, 50)), [0, 1, 0, 0, 2, 3], null, null, DataType.Int64));
            data.Add(Inputs(new NodeCase($"{mode} float16", "Pad", 19).Attr("mode", mode).Input("x", TestTensors.Uniform(seed++, [2, 3, 3]).CastTo(DataType.Float16)),
                [0, 1, 2, 0, 2, 1], null, null, DataType.Float16));
        }
        data.Add(Inputs(new NodeCase("wrap larger than the dim", "Pad", 19).Attr("mode", "wrap").Input("x", TestTensors.Uniform(seed++, [2, 3])), [3, 4, 5, 7], null, null));
        foreach (var opset in new[] { 11, 13, 18, 21 })
        {
            data.Add(Inputs(new NodeCase($"opset {opset}", "Pad", opset).Input("x", TestTensors.Uniform(seed++, [2, 3])), [1, 0, 2, 1], null, -2f));
        }
        data.Add(new NodeCase("opset 2 attributes", "Pad", 2).Attr("pads", [0L, 1L, 2L, 0L]).Attr("value", 0.5f).Input("x", TestTensors.Uniform(seed++, [3, 3])).Output("y"));
        data.Add(new NodeCase("opset 2 reflect", "Pad", 2).Attr("mode", "reflect").Attr("pads", [1L, 2L, 1L, 0L]).Input("x", TestTensors.Uniform(seed++, [3, 4])).Output("y"));
        data.Add(new NodeCase("no constant_value", "Pad", 13).Input("x", TestTensors.Uniform(seed++, [2, 3])).Constant("pads", TestTensors.LongVector(1, 1, 1, 1)).Output("y"));
        data.Add(new NodeCase("run-time constant_value", "Pad", 13).Input("x", TestTensors.Uniform(seed++, [2, 3])).Constant("pads", TestTensors.LongVector(1, 0, 0, 2))
            .Input("value", Tensor.Scalar(3.25f)).Output("y"));
        data.Add(new NodeCase("symbolic batch", "Pad", 13).SymbolicInput("x", TestTensors.Uniform(seed++, [2, 3, 4]), 0)
            .Constant("pads", TestTensors.LongVector(0, 1, 2, 0, 0, 1)).Constant("value", Tensor.Scalar(-1f)).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void RunTimePadsAreRejected() =>
        Rejection.Assert(new NodeCase("run-time pads", "Pad", 13).Input("x", TestTensors.Uniform(1, [2, 3])).Input("pads", TestTensors.LongVector(1, 1, 1, 1)).Output("y"),
            DiagnosticCodes.OnnxNotConstant, "pads");

    [Fact]
    public void ReflectAsLargeAsTheDimIsRejected() =>
        Rejection.Assert(Inputs(new NodeCase("reflect too far", "Pad", 13).Attr("mode", "reflect").Input("x", TestTensors.Uniform(1, [2, 3])), [0, 3, 0, 0], null, null),
            DiagnosticCodes.OnnxBadAttribute, "reflect padding");

    [Fact]
    public void WrongPadCountIsRejected() =>
        Rejection.Assert(Inputs(new NodeCase("3 pads", "Pad", 13).Input("x", TestTensors.Uniform(1, [2, 3])), [0, 3, 0], null, null),
            DiagnosticCodes.OnnxBadAttribute, "pads has 3 entries");

    [Fact]
    public void WrapBeforeOpset19IsRejected() =>
        Rejection.Assert(Inputs(new NodeCase("wrap at 18", "Pad", 18).Attr("mode", "wrap").Input("x", TestTensors.Uniform(1, [2, 3])), [0, 1, 0, 1], null, null),
            DiagnosticCodes.OnnxBadAttribute, "wrap");

    private static NodeCase Inputs(NodeCase c, long[] pads, long[]? axes, float? value, DataType type = DataType.Float32)
    {
        c = c.Constant("pads", TestTensors.LongVector(pads));
        if (value is { } v)
        {
            c = c.Constant("value", Tensor.Scalar(v));
        }
        else if (axes is not null)
        {
            c = c.Skip();
        }
        if (axes is not null)
        {
            c = c.Constant("axes", TestTensors.LongVector(axes));
        }
        return c.Output("y", type);
    }

    private static Tensor Ints(int seed, int[] shape) => TestTensors.Longs(seed, shape, -20, 20).CastTo(DataType.Int32);
}
