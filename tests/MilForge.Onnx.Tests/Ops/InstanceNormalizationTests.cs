namespace MilForge.Onnx.Tests.Ops;

/// <summary>InstanceNormalization (1, 6, 22): ranks 3–5, epsilon, constant scale/B (MIL instance_norm) and run-time ones (composed).</summary>
public class InstanceNormalizationTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var opset in new[] { 6, 22 })
        {
            foreach (var shape in new[] { new[] { 2, 3, 7 }, [2, 3, 4, 5], [1, 2, 3, 4, 3] })
            {
                data.Add(new NodeCase($"opset {opset} rank {shape.Length}", "InstanceNormalization", opset).Input("x", TestTensors.Uniform(seed++, shape, -3, 3))
                    .Constant("scale", TestTensors.Uniform(seed++, [shape[1]], 0.5f, 2)).Constant("B", TestTensors.Uniform(seed++, [shape[1]])).Output("y"));
            }
        }
        data.Add(new NodeCase("epsilon 0.1", "InstanceNormalization", 6).Input("x", TestTensors.Uniform(seed++, [2, 3, 4, 5]))
            .Constant("scale", TestTensors.Uniform(seed++, [3])).Constant("B", TestTensors.Uniform(seed++, [3])).Attr("epsilon", 0.1f).Output("y"));
        data.Add(new NodeCase("run-time scale and B", "InstanceNormalization", 22).Input("x", TestTensors.Uniform(seed++, [2, 3, 4, 5]))
            .Input("scale", TestTensors.Uniform(seed++, [3])).Input("B", TestTensors.Uniform(seed++, [3])).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
