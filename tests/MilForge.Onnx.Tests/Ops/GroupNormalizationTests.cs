using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>GroupNormalization: opset 18 (scale/bias per group) and 21 (per channel), group counts 1, 2 and C, epsilon, ranks 3–4.</summary>
public class GroupNormalizationTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var opset in new[] { 18, 21 })
        {
            foreach (var groups in new[] { 1, 2, 4 })
            {
                var width = opset == 18 ? groups : 4;
                data.Add(new NodeCase($"opset {opset}, {groups} groups", "GroupNormalization", opset).Input("x", TestTensors.Uniform(seed++, [2, 4, 3, 3], -3, 3))
                    .Input("scale", TestTensors.Uniform(seed++, [width], 0.5f, 2)).Input("bias", TestTensors.Uniform(seed++, [width]))
                    .Attr("num_groups", (long)groups).Output("y"));
            }
        }
        data.Add(new NodeCase("rank 3, epsilon 0.01", "GroupNormalization", 21).Input("x", TestTensors.Uniform(seed++, [2, 6, 5]))
            .Constant("scale", TestTensors.Uniform(seed++, [6])).Constant("bias", TestTensors.Uniform(seed++, [6]))
            .Attr("num_groups", 3L).Attr("epsilon", 0.01f).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void RejectsGroupsThatDoNotDivideTheChannels() =>
        Rejection.Assert(new NodeCase("3 groups of 4 channels", "GroupNormalization", 21).Input("x", TestTensors.Uniform(1, [1, 4, 2, 2]))
            .Input("scale", TestTensors.Uniform(2, [4])).Input("bias", TestTensors.Uniform(3, [4])).Attr("num_groups", 3L).Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "does not divide");
}
