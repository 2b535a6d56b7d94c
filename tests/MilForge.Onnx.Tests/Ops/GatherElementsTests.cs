namespace MilForge.Onnx.Tests.Ops;

/// <summary>GatherElements: every axis incl. negative, negative indices, constant and run-time indices, smaller index shapes.</summary>
public class GatherElementsTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var x = TestTensors.Uniform(1, [3, 4, 5]);
        var seed = 2;
        foreach (var axis in new long[] { 0, 1, 2, -1, -2 })
        {
            var dim = x.Shape[(int)(axis < 0 ? axis + 3 : axis)];
            data.Add(new NodeCase($"axis {axis}", "GatherElements", 13).Input("x", x).Input("i", TestTensors.Longs(seed++, [3, 4, 5], 0, dim))
                .Attr("axis", axis).Output("y"));
            data.Add(new NodeCase($"axis {axis} negative indices", "GatherElements", 13).Input("x", x)
                .Input("i", TestTensors.Longs(seed++, [3, 4, 5], -dim, dim)).Attr("axis", axis).Output("y"));
            data.Add(new NodeCase($"axis {axis} constant indices", "GatherElements", 13).Input("x", x)
                .Constant("i", TestTensors.Longs(seed++, [3, 4, 5], -dim, dim)).Attr("axis", axis).Output("y"));
        }
        data.Add(new NodeCase("smaller index shape", "GatherElements", 13).Input("x", x).Input("i", TestTensors.Longs(seed++, [2, 4, 3], 0, 4)).Attr("axis", 1L)
            .Output("y"));
        data.Add(new NodeCase("opset 11", "GatherElements", 11).Input("x", TestTensors.Uniform(3, [2, 3])).Input("i", TestTensors.Longs(seed++, [2, 3], 0, 2))
            .Output("y"));
        data.Add(new NodeCase("int32 indices", "GatherElements", 13).Input("x", TestTensors.Uniform(4, [2, 3]))
            .Input("i", Tensor.Create(new[] { 0, 2, 1, -1, -3, 2 }, 2, 3)).Attr("axis", 1L).Output("y"));
        data.Add(new NodeCase("rank 1", "GatherElements", 13).Input("x", TestTensors.Uniform(5, [6])).Input("i", TestTensors.LongVector(5, 0, -1, 2)).Output("y"));
        data.Add(new NodeCase("int64 data", "GatherElements", 13).Input("x", TestTensors.Longs(6, [2, 3], -9, 9))
            .Input("i", TestTensors.Longs(seed++, [2, 3], 0, 2)).Output("y", DataType.Int64));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    // iOS17's gather ops treat negative indices as out of range, so the converter must make them positive.
    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeOnIos17(NodeCase c) => OnnxOracle.AssertMatches(c, Mil.DeploymentTarget.iOS17);
}
