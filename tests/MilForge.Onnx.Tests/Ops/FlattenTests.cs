namespace MilForge.Onnx.Tests.Ops;

/// <summary>Flatten at every axis incl. 0, rank and negative ones (opset 11+), ranks 1–5, static and symbolic shapes.</summary>
public class FlattenTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        var x = TestTensors.Uniform(seed++, [2, 3, 4, 5]);
        foreach (var axis in new long[] { 0, 1, 2, 3, 4, -1, -2, -4 })
        {
            data.Add(new NodeCase($"axis {axis}", "Flatten", 13).Input("x", x).Attr("axis", axis).Output("y"));
        }
        data.Add(new NodeCase("default axis", "Flatten", 13).Input("x", x).Output("y"));
        foreach (var opset in new[] { 1, 9, 11, 21 })
        {
            data.Add(new NodeCase($"opset {opset}", "Flatten", opset).Input("x", x).Attr("axis", 2L).Output("y"));
        }
        foreach (var shape in new[] { new[] { 6 }, [2, 3], [2, 1, 3, 1, 2] })
        {
            data.Add(new NodeCase($"rank {shape.Length}", "Flatten", 13).Input("x", TestTensors.Uniform(seed++, shape)).Output("y"));
            data.Add(new NodeCase($"rank {shape.Length} axis 0", "Flatten", 13).Input("x", TestTensors.Uniform(seed++, shape)).Attr("axis", 0L).Output("y"));
        }
        data.Add(new NodeCase("int64", "Flatten", 13).Input("x", TestTensors.Longs(seed++, [2, 3, 2], -9, 9)).Output("y", DataType.Int64));
        foreach (var axis in new long[] { 0, 1, 2, -1 })
        {
            data.Add(new NodeCase($"symbolic batch axis {axis}", "Flatten", 13).SymbolicInput("x", TestTensors.Uniform(seed++, [2, 3, 4]), 0)
                .Attr("axis", axis).Output("y"));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
