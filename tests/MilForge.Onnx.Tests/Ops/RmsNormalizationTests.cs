namespace MilForge.Onnx.Tests.Ops;

/// <summary>RMSNormalization (opset 23): axis (last, inner, first, negative), epsilon, broadcasting and run-time scale, stash_type.</summary>
public class RmsNormalizationTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        var x = TestTensors.Uniform(seed++, [2, 3, 4, 5], -3, 3);
        foreach (var axis in new long[] { -1, -2, 1, 0, 3 })
        {
            var normalized = x.Shape.Skip((int)(axis < 0 ? axis + 4 : axis)).ToArray();
            data.Add(new NodeCase($"axis {axis}", "RMSNormalization", 23).Input("x", x)
                .Constant("scale", TestTensors.Uniform(seed++, normalized, 0.5f, 2)).Attr("axis", axis).Output("y"));
        }
        data.Add(new NodeCase("default axis, epsilon 0.1", "RMSNormalization", 23).Input("x", x).Constant("scale", TestTensors.Uniform(seed++, [5]))
            .Attr("epsilon", 0.1f).Output("y"));
        data.Add(new NodeCase("run-time broadcasting scale", "RMSNormalization", 23).Input("x", x).Input("scale", TestTensors.Uniform(seed++, [1, 5]))
            .Attr("axis", 2L).Output("y"));
        data.Add(new NodeCase("stash_type 1", "RMSNormalization", 23).Input("x", x).Constant("scale", TestTensors.Uniform(seed++, [5]))
            .Attr("stash_type", 1L).Output("y"));
        data.Add(new NodeCase("rank 2", "RMSNormalization", 23).Input("x", TestTensors.Uniform(seed++, [3, 6], -2, 2))
            .Constant("scale", TestTensors.Uniform(seed++, [6])).Output("y"));
        data.Add(new NodeCase("symbolic batch", "RMSNormalization", 23).SymbolicInput("x", TestTensors.Uniform(seed++, [3, 4, 8]), 0)
            .Constant("scale", TestTensors.Uniform(seed++, [8])).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
