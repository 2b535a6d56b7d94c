namespace MilForge.Onnx.Tests.Ops;

/// <summary>Concat: positive and negative axes, 1–4 inputs, constants mixed in, empty inputs, ranks 1–5, opsets 4–13.</summary>
public class ConcatTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var axis in new long[] { 0, 1, 2, -1, -2, -3 })
        {
            var shape = new[] { 2, 3, 4 };
            var other = shape.ToArray();
            other[(int)(axis < 0 ? axis + 3 : axis)] = 2;
            data.Add(new NodeCase($"axis {axis}", "Concat", 13).Input("a", TestTensors.Uniform(seed++, shape)).Input("b", TestTensors.Uniform(seed++, other))
                .Attr("axis", axis).Output("y"));
        }
        foreach (var opset in new[] { 4, 11 })
        {
            data.Add(new NodeCase($"opset {opset}", "Concat", opset).Input("a", TestTensors.Uniform(seed++, [2, 3])).Input("b", TestTensors.Uniform(seed++, [2, 1]))
                .Attr("axis", 1L).Output("y"));
        }
        data.Add(new NodeCase("one input", "Concat", 13).Input("a", TestTensors.Uniform(seed++, [2, 3])).Attr("axis", 0L).Output("y"));
        data.Add(new NodeCase("four inputs with constants", "Concat", 13).Input("a", TestTensors.Uniform(seed++, [2, 1]))
            .Constant("b", TestTensors.Uniform(seed++, [2, 2]))
            .Input("c", TestTensors.Uniform(seed++, [2, 3])).Constant("d", TestTensors.Uniform(seed++, [2, 1])).Attr("axis", -1L).Output("y"));
        data.Add(new NodeCase("empty input dropped", "Concat", 13).Input("a", TestTensors.Uniform(seed++, [2, 3])).Input("b", Tensor.Create(Array.Empty<float>(), 2, 0))
            .Attr("axis", 1L).Output("y"));
        data.Add(new NodeCase("rank 1", "Concat", 13).Input("a", TestTensors.Uniform(seed++, [3])).Input("b", TestTensors.Uniform(seed++, [4])).Attr("axis", 0L)
            .Output("y"));
        data.Add(new NodeCase("rank 5", "Concat", 13).Input("a", TestTensors.Uniform(seed++, [1, 2, 3, 1, 2])).Input("b", TestTensors.Uniform(seed++, [1, 2, 3, 2, 2]))
            .Attr("axis", 3L).Output("y"));
        data.Add(new NodeCase("int64 shape pieces", "Concat", 13).Input("a", TestTensors.LongVector(1, 2)).Constant("b", TestTensors.LongVector(-1))
            .Attr("axis", 0L).Output("y", DataType.Int64));
        data.Add(new NodeCase("bool", "Concat", 13).Input("a", TestTensors.Bools(seed++, [2, 2])).Input("b", TestTensors.Bools(seed++, [1, 2])).Attr("axis", 0L)
            .Output("y", DataType.Bool));
        data.Add(new NodeCase("symbolic batch", "Concat", 13).SymbolicInput("a", TestTensors.Uniform(seed++, [3, 2]), 0)
            .SymbolicInput("b", TestTensors.Uniform(seed++, [3, 4]), 0)
            .Attr("axis", 1L).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
