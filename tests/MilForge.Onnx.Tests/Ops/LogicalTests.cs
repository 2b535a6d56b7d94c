namespace MilForge.Onnx.Tests.Ops;

/// <summary>And, Or, Xor (broadcasting bool inputs) and Not.</summary>
public class LogicalTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        foreach (var op in new[] { "And", "Or", "Xor" })
        {
            data.Add(new NodeCase("same shape", op, 7).Input("a", TestTensors.Bools(1, [2, 3, 4])).Input("b", TestTensors.Bools(2, [2, 3, 4]))
                .Output("c", DataType.Bool));
            data.Add(new NodeCase("broadcast", op, 7).Input("a", TestTensors.Bools(3, [2, 1, 4])).Input("b", TestTensors.Bools(4, [3, 1])).Output("c", DataType.Bool));
            data.Add(new NodeCase("scalar", op, 7).Input("a", TestTensors.Bools(5, [5])).Input("b", Tensor.Scalar(true)).Output("c", DataType.Bool));
            data.Add(new NodeCase("constant rank 5", op, 7).Input("a", TestTensors.Bools(6, [1, 2, 1, 2, 3])).Constant("b", TestTensors.Bools(7, [2, 1, 3]))
                .Output("c", DataType.Bool));
        }
        data.Add(new NodeCase("not", "Not", 1).Input("x", TestTensors.Bools(8, [3, 4])).Output("y", DataType.Bool));
        data.Add(new NodeCase("not scalar", "Not", 1).Input("x", Tensor.Scalar(false)).Output("y", DataType.Bool));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
