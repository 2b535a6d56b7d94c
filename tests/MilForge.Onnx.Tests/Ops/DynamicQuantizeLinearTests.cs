namespace MilForge.Onnx.Tests.Ops;

/// <summary>DynamicQuantizeLinear: mixed-sign, all-positive and all-negative inputs (the range always includes 0).</summary>
public class DynamicQuantizeLinearTests
{
    public static TheoryData<NodeCase> Cases() => new()
    {
        Case("mixed signs", TestTensors.Uniform(1, [3, 4], -2, 3)),
        Case("all positive", TestTensors.Uniform(2, [2, 5], 0.5f, 4)),
        Case("all negative", TestTensors.Uniform(3, [6], -3, -0.1f)),
        Case("4-D", TestTensors.Uniform(4, [1, 2, 3, 3], -1, 1)),
    };

    private static NodeCase Case(string name, Tensor x) => new NodeCase(name, "DynamicQuantizeLinear", 11).Input("x", x)
        .Output("y", DataType.UInt8).Output("y_scale").Output("y_zero_point", DataType.UInt8);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
