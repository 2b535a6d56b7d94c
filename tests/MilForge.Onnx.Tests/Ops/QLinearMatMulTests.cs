namespace MilForge.Onnx.Tests.Ops;

/// <summary>QLinearMatMul: uint8 and int8 operands and results with per-tensor scales and zero points (constant or run-time), opsets 10 and 21.</summary>
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
        data.Add(new NodeCase("run-time scales and zero points", "QLinearMatMul", 10)
            .Input("a", TestTensors.Longs(seed++, [2, 3, 5], 0, 255).CastTo(DataType.UInt8)).Input("as", Tensor.Scalar(0.03f)).Input("az", Tensor.FromLongs([113], [], DataType.UInt8))
            .Input("b", TestTensors.Longs(seed++, [5, 4], 0, 255).CastTo(DataType.UInt8)).Input("bs", Tensor.Scalar(0.02f)).Input("bz", Tensor.FromLongs([120], [], DataType.UInt8))
            .Input("ys", Tensor.Scalar(0.2f)).Input("yz", Tensor.FromLongs([128], [], DataType.UInt8)).Output("y", DataType.UInt8));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => OnnxOracle.AssertMatchesFp16(c);
}
