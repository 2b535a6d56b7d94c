namespace MilForge.Onnx.Tests.Ops;

/// <summary>Pow: float and int bases, exponents of another type (opset 12+), broadcasting, special values.</summary>
public class PowTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var positive = TestTensors.Uniform(1, [2, 3, 4], 0.1f, 3);
        var data = new TheoryData<NodeCase>
        {
            new NodeCase("same shape", "Pow", 15).Input("x", positive).Input("y", TestTensors.Uniform(2, [2, 3, 4], -2, 2)).Output("z"),
            new NodeCase("scalar exponent", "Pow", 15).Input("x", positive).Input("y", Tensor.Scalar(2.5f)).Output("z"),
            new NodeCase("constant square", "Pow", 15).Input("x", TestTensors.Uniform(3, [4, 5], -3, 3)).Constant("y", Tensor.Scalar(2f)).Output("z"),
            new NodeCase("broadcast exponent", "Pow", 15).Input("x", positive).Input("y", TestTensors.Floats([4], 0, 1, -1, 0.5f)).Output("z"),
            new NodeCase("broadcast base", "Pow", 15).Input("x", TestTensors.Floats([3, 1], 2, 3, 0.5f)).Input("y", TestTensors.Uniform(4, [1, 4], -2, 2)).Output("z"),
            new NodeCase("negative base, integral exponents", "Pow", 15)
                .Input("x", TestTensors.Floats([4], -2, -3, -0.5f, -1)).Input("y", TestTensors.Floats([4], 3, 2, -1, 7)).Output("z"),
            new NodeCase("int64 exponent", "Pow", 15).Input("x", TestTensors.Floats([4], -2, 3, 0.5f, 1.5f)).Input("y", TestTensors.LongVector(3, 2, -2, 0)).Output("z"),
            new NodeCase("int32 exponent", "Pow", 12).Input("x", TestTensors.Floats([3], 2, -3, 4)).Input("y", Tensor.Vector(3, 2, 0)).Output("z"),
            new NodeCase("int32 base", "Pow", 15).Input("x", Tensor.Vector(2, -3, 5, 0)).Input("y", Tensor.Vector(3, 3, 2, 4)).Output("z", DataType.Int32),
            new NodeCase("int64 base", "Pow", 15).Input("x", TestTensors.LongVector(2, -3, 10, 7)).Input("y", TestTensors.LongVector(10, 3, 5, 1))
                .Output("z", DataType.Int64),
            new NodeCase("opset 7", "Pow", 7).Input("x", positive).Input("y", TestTensors.Uniform(5, [4], -1, 2)).Output("z"),
            new NodeCase("opset 13", "Pow", 13).Input("x", positive).Input("y", TestTensors.Uniform(6, [4], -1, 2)).Output("z"),
            new NodeCase("rank 5", "Pow", 15).Input("x", TestTensors.Uniform(7, [1, 2, 1, 3, 2], 0.5f, 2))
                .Input("y", TestTensors.Uniform(8, [2, 1, 3, 1], -1, 1)).Output("z"),
            new NodeCase("special values", "Pow", 15)
                .Input("x", TestTensors.Floats([10], 0, 0, -8, float.PositiveInfinity, float.NaN, 2, 1, float.NegativeInfinity, 65504, 1e-40f))
                .Input("y", TestTensors.Floats([10], 0, -1, 1f / 3, 0, 0, float.PositiveInfinity, float.NaN, 3, 2, 0.5f))
                .Output("z"),
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
