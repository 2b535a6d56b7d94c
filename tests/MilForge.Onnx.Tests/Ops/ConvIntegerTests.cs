namespace MilForge.Onnx.Tests.Ops;

/// <summary>ConvInteger: uint8 data, uint8/int8 weights, with and without (scalar) zero points, pads, strides, groups.</summary>
public class ConvIntegerTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var wType in new[] { DataType.UInt8, DataType.Int8 })
        {
            var (lo, hi) = wType == DataType.UInt8 ? (0L, 255L) : (-128L, 127L);
            // ONNX Runtime refuses per-channel weight zero points, so they are not compared here.
            foreach (var zeroPoints in new[] { "none", "scalar" })
            {
                var c = new NodeCase($"{wType.MilName()} weights, {zeroPoints} zero points", "ConvInteger", 10)
                    .Input("x", TestTensors.Longs(seed++, [1, 2, 5, 5], 0, 255).CastTo(DataType.UInt8))
                    .Constant("w", TestTensors.Longs(seed++, [3, 2, 3, 3], lo, hi).CastTo(wType));
                if (zeroPoints != "none")
                {
                    c = c.Constant("xzp", Tensor.Scalar((byte)100))
                        .Constant("wzp", TestTensors.Longs(seed++, [], lo, hi).CastTo(wType));
                }
                data.Add(c.Attr("pads", new long[] { 1, 1, 1, 1 }).Output("y", DataType.Int32));
            }
        }
        data.Add(new NodeCase("strides and groups", "ConvInteger", 10).Input("x", TestTensors.Longs(seed++, [1, 4, 6, 6], 0, 255).CastTo(DataType.UInt8))
            .Constant("w", TestTensors.Longs(seed++, [4, 2, 2, 2], 0, 255).CastTo(DataType.UInt8)).Constant("xzp", Tensor.Scalar((byte)3))
            .Attr("strides", new long[] { 2, 2 }).Attr("group", 2L).Output("y", DataType.Int32));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
