namespace MilForge.Onnx.Tests.Ops;

/// <summary>MeanVarianceNormalization (9, 13): default axes [0, 2, 3], channel axes, last axis, negative axes.</summary>
public class MeanVarianceNormalizationTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var opset in new[] { 9, 13 })
        {
            data.Add(new NodeCase($"opset {opset} default axes", "MeanVarianceNormalization", opset).Input("x", TestTensors.Uniform(seed++, [2, 3, 4, 5], -3, 3)).Output("y"));
        }
        foreach (var axes in new[] { new long[] { 1 }, [2, 3], [-1], [0, 1, 2, 3] })
        {
            data.Add(new NodeCase($"axes [{string.Join(",", axes)}]", "MeanVarianceNormalization", 13).Input("x", TestTensors.Uniform(seed++, [2, 3, 4, 5], -3, 3))
                .Attr("axes", axes).Output("y"));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
