namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// QLinearConv: uint8 and int8 data and results, per-tensor and per-channel weight scales, int32 bias, pads, strides,
/// dilations, groups and a 1-D conv. The requantization is exact, so FP32 matches ONNX Runtime exactly.
/// </summary>
public class QLinearConvTests
{
    private static Tensor Ints(int seed, int[] shape, DataType type) =>
        TestTensors.Longs(seed, shape, type == DataType.UInt8 ? 0 : -128, type == DataType.UInt8 ? 255 : 127).CastTo(type);

    private static Tensor Zp(long v, DataType type) => Tensor.FromLongs([v], [], type);

    private static NodeCase Case(string name, int seed, DataType type, DataType wType, int[] xShape, int[] wShape, Tensor wScale, Tensor wZp, float yScale, bool bias)
    {
        var c = new NodeCase(name, "QLinearConv", 10)
            .Input("x", Ints(seed, xShape, type)).Constant("xs", Tensor.Scalar(0.02f)).Constant("xz", Zp(type == DataType.UInt8 ? 120 : -3, type))
            .Constant("w", Ints(seed + 1, wShape, wType)).Constant("ws", wScale).Constant("wz", wZp)
            .Constant("ys", Tensor.Scalar(yScale)).Constant("yz", Zp(type == DataType.UInt8 ? 128 : 5, type));
        if (bias)
        {
            c = c.Constant("b", TestTensors.Longs(seed + 2, [wShape[0]], -5000, 5000).CastTo(DataType.Int32));
        }
        return c.Output("y", type);
    }

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var type in new[] { DataType.UInt8, DataType.Int8 })
        {
            var wZero = type == DataType.UInt8 ? Zp(130, type) : Zp(0, type);
            data.Add(Case($"{type.MilName()} per-tensor", seed += 3, type, type, [1, 2, 5, 5], [3, 2, 3, 3], Tensor.Scalar(0.01f), wZero, 2f, false)
                .Attr("pads", new long[] { 1, 1, 1, 1 }));
            data.Add(Case($"{type.MilName()} per-tensor with bias, strides", seed += 3, type, type, [1, 3, 6, 6], [4, 3, 2, 2], Tensor.Scalar(0.01f), wZero, 1.5f, true)
                .Attr("strides", new long[] { 2, 2 }));
        }
        var channelScales = Tensor.Create([0.004f, 0.01f, 0.02f, 0.007f], 4);
        var channelZeros = Tensor.FromLongs([0, 0, 0, 0], [4], DataType.Int8);
        data.Add(Case("uint8 data, int8 per-channel weights, bias", seed += 3, DataType.UInt8, DataType.Int8, [1, 3, 6, 6], [4, 3, 3, 3], channelScales, channelZeros, 0.5f, true)
            .Attr("pads", new long[] { 1, 1, 1, 1 }));
        data.Add(Case("int8 per-channel, groups and dilations", seed += 3, DataType.Int8, DataType.Int8, [1, 4, 7, 7], [4, 2, 3, 3], channelScales, channelZeros, 0.4f, true)
            .Attr("group", 2L).Attr("dilations", new long[] { 2, 2 }));
        data.Add(Case("uint8 1-D, auto_pad SAME_UPPER", seed += 3, DataType.UInt8, DataType.UInt8, [1, 2, 9], [3, 2, 3], Tensor.Scalar(0.01f), Zp(127, DataType.UInt8), 1f, false)
            .Attr("auto_pad", "SAME_UPPER"));
        data.Add(Case("saturating results", seed += 3, DataType.UInt8, DataType.UInt8, [1, 2, 5, 5], [2, 2, 3, 3], Tensor.Scalar(0.05f), Zp(100, DataType.UInt8), 0.05f, false));
        data.Add(new NodeCase("run-time scales and zero points, per-channel", "QLinearConv", 10)
            .Input("x", Ints(seed += 3, [1, 2, 5, 5], DataType.UInt8)).Input("xs", Tensor.Scalar(0.02f)).Input("xz", Zp(110, DataType.UInt8))
            .Input("w", Ints(seed + 1, [3, 2, 3, 3], DataType.Int8)).Input("ws", Tensor.Create([0.01f, 0.005f, 0.02f], 3))
            .Input("wz", Tensor.FromLongs([0, 0, 0], [3], DataType.Int8)).Input("ys", Tensor.Scalar(0.7f)).Input("yz", Zp(128, DataType.UInt8))
            .Attr("pads", new long[] { 1, 1, 1, 1 }).Output("y", DataType.UInt8));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => OnnxOracle.AssertMatchesFp16(c);

    [Fact]
    public void AWeightScaleOfTheWrongLengthIsACodedRejection()
    {
        var c = new NodeCase("w_scale of 2 values for 1 channel", "QLinearConv", 10).Input("x", Ints(1, [1, 1, 3, 3], DataType.UInt8)).Constant("xs", Tensor.Scalar(0.02f))
            .Constant("xz", Zp(0, DataType.UInt8)).Constant("w", Ints(2, [1, 1, 1, 1], DataType.UInt8)).Constant("ws", Tensor.Create([0.1f, 0.2f], 2))
            .Constant("wz", Zp(0, DataType.UInt8)).Constant("ys", Tensor.Scalar(1f)).Constant("yz", Zp(0, DataType.UInt8)).Output("y", DataType.UInt8);
        var e = Assert.Throws<Diagnostics.DiagnosticException>(() => Precision.OnnxConversion.Import(MilForge.Onnx.Reading.OnnxModel.Parse(c.ModelBytes(), null, "qconv")));
        Assert.Equal(Diagnostics.DiagnosticCodes.OnnxBadAttribute, e.Diagnostics[0].Code);
    }
}
