namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Asinh and Acosh (InverseHyperbolic): in-domain data at both opsets, tiny and huge magnitudes (where x² would
/// overflow), the domain edges and special values.
/// </summary>
public class InverseHyperbolicTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var opset in new[] { 9, 22 })
        {
            data.Add(new NodeCase("random", "Asinh", opset).Input("x", TestTensors.Uniform(seed++, [2, 3, 4], -10, 10)).Output("y"));
            data.Add(new NodeCase("random", "Acosh", opset).Input("x", TestTensors.Uniform(seed++, [2, 3, 4], 1, 10)).Output("y"));
        }
        data.Add(new NodeCase("small magnitudes", "Asinh", 22).Input("x", TestTensors.Uniform(seed++, [16], -0.01f, 0.01f)).Output("y"));
        data.Add(new NodeCase("large magnitudes", "Asinh", 22).Input("x", TestTensors.Floats([6], 300, -3000, 60000, 1e20f, -3e38f, 1.5f)).Output("y"));
        data.Add(new NodeCase("large magnitudes", "Acosh", 22).Input("x", TestTensors.Floats([5], 300, 3000, 60000, 1e20f, 3e38f)).Output("y"));
        data.Add(new NodeCase("near one", "Acosh", 22).Input("x", TestTensors.Floats([5], 1, 1.0001f, 1.001f, 1.01f, 1.1f)).Output("y")
            .Fp32Only("binary16 rounds 1 + 1e-4 to 1, where acosh has an infinite slope"));
        var special = TestTensors.Floats([12], 0, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 65504, -65504, 1e-40f, -1e-40f, 1, -1, 0.5f);
        data.Add(new NodeCase("special values", "Asinh", 22).Input("x", special).Output("y"));
        data.Add(new NodeCase("special values", "Acosh", 22).Input("x", special).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
