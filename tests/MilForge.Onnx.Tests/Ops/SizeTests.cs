namespace MilForge.Onnx.Tests.Ops;

/// <summary>Size: static shapes fold to a constant, symbolic ones multiply MIL shape's dims; every opset, ranks 0–5.</summary>
public class SizeTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var x = TestTensors.Uniform(1, [2, 3, 4, 5]);
        foreach (var opset in new[] { 1, 13, 19, 21 })
        {
            data.Add(new NodeCase($"static opset {opset}", "Size", opset).Input("x", x).Output("n", DataType.Int64));
            data.Add(new NodeCase($"symbolic opset {opset}", "Size", opset).SymbolicInput("x", x, 0, 2).Output("n", DataType.Int64));
        }
        data.Add(new NodeCase("scalar", "Size", 13).Input("x", Tensor.Scalar(1f)).Output("n", DataType.Int64));
        data.Add(new NodeCase("empty", "Size", 13).Input("x", TestTensors.Uniform(2, [3, 0, 2])).Output("n", DataType.Int64));
        data.Add(new NodeCase("rank 5 bool", "Size", 13).Input("x", TestTensors.Bools(2, [1, 2, 1, 3, 2])).Output("n", DataType.Int64));
        data.Add(new NodeCase("int64 vector", "Size", 13).Input("x", TestTensors.LongVector(1, 2, 3)).Output("n", DataType.Int64));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
