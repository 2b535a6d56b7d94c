
namespace MilForge.Onnx.Tests.Ops;

public class UnaryTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var x = TestTensors.Uniform(1, [2, 3, 4], -3, 3);
        var positive = TestTensors.Uniform(2, [2, 3, 4], 0.01f, 5);
        var data = new TheoryData<NodeCase>();
        foreach (var op in new[] { "Relu", "Sigmoid", "Tanh", "Exp", "Abs", "Neg", "Erf", "Floor", "Ceil", "Sign", "Softsign", "Softplus", "Sin", "Cos" })
        {
            data.Add(new NodeCase("random", op, 13).Input("x", x).Output("y"));
        }
        foreach (var op in new[] { "Sqrt", "Log", "Reciprocal" })
        {
            data.Add(new NodeCase("positive", op, 13).Input("x", positive).Output("y"));
        }
        data.Add(new NodeCase("log of zero is -inf", "Log", 13).Input("x", TestTensors.Floats([3], 0f, 1f, 2f)).Output("y"));
        data.Add(new NodeCase("relu opset 6", "Relu", 6).Input("x", x).Output("y"));
        data.Add(new NodeCase("special values", "Relu", 14).Input("x", TestTensors.Floats([4], float.NaN, float.NegativeInfinity, float.PositiveInfinity, -0f)).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
