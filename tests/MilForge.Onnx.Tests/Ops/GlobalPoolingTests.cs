namespace MilForge.Onnx.Tests.Ops;

/// <summary>GlobalAveragePool and GlobalMaxPool over 1–3 spatial dims (spatial dims kept as 1s).</summary>
public class GlobalPoolingTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var op in new[] { "GlobalAveragePool", "GlobalMaxPool" })
        {
            foreach (var shape in new[] { new[] { 2, 3, 7 }, [2, 3, 5, 4], [1, 2, 3, 4, 5], [1, 4, 1, 1] })
            {
                data.Add(new NodeCase($"rank {shape.Length}", op, 1).Input("x", TestTensors.Uniform(seed++, shape, -3, 3)).Output("y"));
            }
            data.Add(new NodeCase("opset 22", op, 22).Input("x", TestTensors.Uniform(seed++, [1, 3, 4, 4], -3, 3)).Output("y"));
            data.Add(new NodeCase("symbolic spatial", op, 1).SymbolicInput("x", TestTensors.Uniform(seed++, [1, 3, 4, 5], -3, 3), 2, 3).Output("y"));
            data.Add(new NodeCase("special values", op, 1)
                .Input("x", TestTensors.Floats([1, 2, 2, 2], 65504, 65504, 65504, 65504, float.NegativeInfinity, 1, 2, 3)).Output("y"));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
