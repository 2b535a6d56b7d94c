using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>LeakyRelu, Elu, ThresholdedRelu, HardSigmoid, HardSwish and Gelu (ActivationOps): defaults, attributes, opsets.</summary>
public class ActivationTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var x = TestTensors.Uniform(1, [2, 3, 4], -4, 4);
        var special = TestTensors.Floats([10], 0, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 65504, -65504, 1e-40f, -1e-40f, 1);
        // Values on the ThresholdedRelu boundary (x == alpha is dropped, ONNX's test is strict).
        var boundary = TestTensors.Floats([6], 1, 0.999f, 1.001f, 0.5f, 0.5000001f, -1);
        var data = new TheoryData<NodeCase>
        {
            new NodeCase("default alpha", "LeakyRelu", 16).Input("x", x).Output("y"),
            new NodeCase("alpha 0.3", "LeakyRelu", 16).Input("x", x).Attr("alpha", 0.3f).Output("y"),
            new NodeCase("negative alpha opset 6", "LeakyRelu", 6).Input("x", x).Attr("alpha", -0.5f).Output("y"),
            new NodeCase("rank 1", "LeakyRelu", 16).Input("x", TestTensors.Uniform(2, [9], -2, 2)).Output("y"),
            new NodeCase("default alpha", "Elu", 22).Input("x", x).Output("y"),
            new NodeCase("alpha 0.5 opset 6", "Elu", 6).Input("x", x).Attr("alpha", 0.5f).Output("y"),
            new NodeCase("default alpha", "ThresholdedRelu", 10).Input("x", x).Output("y"),
            new NodeCase("strict at default alpha", "ThresholdedRelu", 22).Input("x", boundary).Output("y"),
            new NodeCase("strict at alpha 0.5", "ThresholdedRelu", 22).Input("x", boundary).Attr("alpha", 0.5f).Output("y")
                .Fp32Only("values a hair above alpha round to alpha in binary16, so the strict x > alpha flips"),
            new NodeCase("negative alpha", "ThresholdedRelu", 22).Input("x", x).Attr("alpha", -1.5f).Output("y"),
            new NodeCase("defaults", "HardSigmoid", 6).Input("x", x).Output("y"),
            new NodeCase("alpha beta", "HardSigmoid", 22).Input("x", x).Attr("alpha", 0.5f).Attr("beta", 0.25f).Output("y"),
            new NodeCase("opset 14", "HardSwish", 14).Input("x", x).Output("y"),
            new NodeCase("opset 22 rank 4", "HardSwish", 22).Input("x", TestTensors.Uniform(3, [1, 2, 3, 4], -5, 5)).Output("y"),
            new NodeCase("exact", "Gelu", 20).Input("x", x).Output("y"),
            new NodeCase("approximate none", "Gelu", 20).Input("x", x).Attr("approximate", "none").Output("y"),
            new NodeCase("approximate tanh", "Gelu", 20).Input("x", x).Attr("approximate", "tanh").Output("y"),
        };
        foreach (var op in new[] { "LeakyRelu", "Elu", "ThresholdedRelu", "HardSigmoid", "HardSwish", "Gelu" })
        {
            data.Add(new NodeCase("special values", op, op == "LeakyRelu" ? 16 : op == "Gelu" ? 20 : 22).Input("x", special).Output("y"));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void UnknownGeluApproximationIsRejected() =>
        Rejection.Assert(new NodeCase("approximate erf", "Gelu", 20).Input("x", TestTensors.Uniform(1, [3], -1, 1)).Attr("approximate", "erf").Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "approximate='erf'");
}
