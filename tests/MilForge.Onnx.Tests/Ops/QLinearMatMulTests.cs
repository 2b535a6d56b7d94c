namespace MilForge.Onnx.Tests.Ops;

/// <summary>QLinearMatMul: uint8 and int8 operands and results with per-tensor scales and zero points, opsets 10 and 21.</summary>
public class QLinearMatMulTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var opset in new[] { 10, 21 })
        {
            foreach (var type in new[] { DataType.UInt8, DataType.Int8 })
            {
                var (lo, hi) = type == DataType.UInt8 ? (0L, 255L) : (-128L, 127L);
                Tensor Zp(long v) => Tensor.FromLongs([v], [], type);
                data.Add(new NodeCase($"{type.MilName()}", "QLinearMatMul", opset)
                    .Input("a", TestTensors.Longs(seed++, [3, 6], lo, hi).CastTo(type)).Constant("as", Tensor.Scalar(0.02f)).Constant("az", Zp(type == DataType.UInt8 ? 120 : -3))
                    .Constant("b", TestTensors.Longs(seed++, [6, 4], lo, hi).CastTo(type)).Constant("bs", Tensor.Scalar(0.01f)).Constant("bz", Zp(type == DataType.UInt8 ? 130 : 2))
                    .Constant("ys", Tensor.Scalar(0.3f)).Constant("yz", Zp(type == DataType.UInt8 ? 128 : 0)).Output("y", type));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
