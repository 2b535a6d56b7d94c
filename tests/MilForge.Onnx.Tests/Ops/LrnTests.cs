namespace MilForge.Onnx.Tests.Ops;

/// <summary>LRN (1, 13): odd window sizes (ONNX Runtime refuses even ones), size 1 and larger than C, alpha/beta/bias, one channel.</summary>
public class LrnTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var size in new[] { 1L, 3L, 5L, 9L })
        {
            data.Add(new NodeCase($"size {size}", "LRN", 13).Input("x", TestTensors.Uniform(seed++, [2, 6, 3, 4], -3, 3)).Attr("size", size).Output("y"));
        }
        data.Add(new NodeCase("alpha, beta, bias", "LRN", 1).Input("x", TestTensors.Uniform(seed++, [1, 5, 4, 4], -3, 3))
            .Attr("size", 3L).Attr("alpha", 0.01f).Attr("beta", 0.5f).Attr("bias", 2f).Output("y"));
        data.Add(new NodeCase("single channel", "LRN", 13).Input("x", TestTensors.Uniform(seed++, [2, 1, 3, 5])).Attr("size", 3L).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
