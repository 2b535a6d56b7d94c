namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Clip: bounds as attributes (opset 6, defaults ±float max) and optional inputs (11+): both, min only, max only,
/// none, run-time bounds, integer inputs (12+), min &gt; max, special values.
/// </summary>
public class ClipTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var x = TestTensors.Uniform(1, [2, 3, 4], -3, 3);
        var special = TestTensors.Floats([8], float.PositiveInfinity, float.NegativeInfinity, 65504, -65504, 1e-40f, -0f, float.MaxValue, float.MinValue);
        var data = new TheoryData<NodeCase>
        {
            new NodeCase("attrs both", "Clip", 6).Input("x", x).Attr("min", -1f).Attr("max", 1.5f).Output("y"),
            new NodeCase("attr min only", "Clip", 6).Input("x", x).Attr("min", 0f).Output("y"),
            new NodeCase("attr max only", "Clip", 6).Input("x", x).Attr("max", 0.5f).Output("y"),
            new NodeCase("attrs none", "Clip", 6).Input("x", special).Output("y"),
            new NodeCase("attrs special values", "Clip", 6).Input("x", special).Attr("min", -6f).Attr("max", 6f).Output("y"),
            new NodeCase("inputs both", "Clip", 11).Input("x", x).Constant("min", Tensor.Scalar(-1f)).Constant("max", Tensor.Scalar(1.5f)).Output("y"),
            new NodeCase("input min only", "Clip", 11).Input("x", x).Constant("min", Tensor.Scalar(0f)).Output("y"),
            new NodeCase("input max only", "Clip", 12).Input("x", x).Skip().Constant("max", Tensor.Scalar(0.5f)).Output("y"),
            new NodeCase("no bounds", "Clip", 13).Input("x", special).Output("y"),
            new NodeCase("both skipped", "Clip", 13).Input("x", x).Skip().Skip().Output("y"),
            new NodeCase("run-time bounds", "Clip", 13).Input("x", x).Input("min", Tensor.Scalar(-0.5f)).Input("max", Tensor.Scalar(2f)).Output("y"),
            new NodeCase("run-time min, constant max", "Clip", 13).Input("x", x).Input("min", Tensor.Scalar(-0.5f)).Constant("max", Tensor.Scalar(2f)).Output("y"),
            new NodeCase("run-time max only", "Clip", 13).Input("x", x).Skip().Input("max", Tensor.Scalar(1f)).Output("y"),
            new NodeCase("special values", "Clip", 13).Input("x", special).Constant("min", Tensor.Scalar(-6f)).Constant("max", Tensor.Scalar(6f)).Output("y"),
            new NodeCase("infinite bounds", "Clip", 13).Input("x", special).Constant("min", Tensor.Scalar(float.NegativeInfinity))
                .Constant("max", Tensor.Scalar(float.PositiveInfinity)).Output("y"),
            new NodeCase("min above max", "Clip", 13).Input("x", x).Constant("min", Tensor.Scalar(1f)).Constant("max", Tensor.Scalar(-1f)).Output("y"),
            new NodeCase("relu6 rank 5", "Clip", 13).Input("x", TestTensors.Uniform(2, [1, 2, 1, 3, 2], -9, 9)).Constant("min", Tensor.Scalar(0f))
                .Constant("max", Tensor.Scalar(6f)).Output("y"),
            new NodeCase("rank 0", "Clip", 13).Input("x", Tensor.Scalar(7f)).Constant("min", Tensor.Scalar(0f)).Constant("max", Tensor.Scalar(6f)).Output("y"),
            new NodeCase("NaN attrs", "Clip", 6).Input("x", TestTensors.Floats([3], float.NaN, 1, -9)).Attr("min", -1f).Attr("max", 1f).Output("y"),
            new NodeCase("NaN constant bounds", "Clip", 13).Input("x", TestTensors.Floats([3], float.NaN, 1, -9)).Constant("min", Tensor.Scalar(-1f))
                .Constant("max", Tensor.Scalar(1f)).Output("y"),
            new NodeCase("NaN run-time bounds", "Clip", 13).Input("x", TestTensors.Floats([3], float.NaN, 1, -9)).Input("min", Tensor.Scalar(-1f))
                .Input("max", Tensor.Scalar(1f)).Output("y"),
            new NodeCase("int32", "Clip", 12).Input("x", Tensor.Vector(-5, 0, 3, 9)).Constant("min", Tensor.Scalar(-1)).Constant("max", Tensor.Scalar(4))
                .Output("y", DataType.Int32),
            new NodeCase("int64 min only", "Clip", 13).Input("x", TestTensors.LongVector(-5, 0, 3, 9)).Constant("min", Tensor.Scalar(0L)).Output("y", DataType.Int64),
            new NodeCase("int64 no bounds", "Clip", 13).Input("x", TestTensors.LongVector(-5, 9)).Output("y", DataType.Int64),
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
