namespace MilForge.Onnx.Tests.Ops;

/// <summary>Max, Min, Sum and Mean over 1–4 inputs with multi-way broadcasting, opsets 6–13, int inputs, special values.</summary>
public class VariadicTests
{
    private static readonly (string Op, int[] Opsets)[] Ops = [("Max", [6, 8, 12, 13]), ("Min", [6, 8, 12, 13]), ("Sum", [6, 8, 13]), ("Mean", [6, 8, 13])];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var (op, opsets) in Ops)
        {
            foreach (var opset in opsets)
            {
                data.Add(new NodeCase($"two inputs opset {opset}", op, opset).Input("a", TestTensors.Uniform(seed++, [2, 3]))
                    .Input("b", TestTensors.Uniform(seed++, [2, 3])).Output("y"));
            }
            data.Add(new NodeCase("one input", op, 13).Input("a", TestTensors.Uniform(seed++, [2, 3])).Output("y"));
            data.Add(new NodeCase("three inputs", op, 13).Input("a", TestTensors.Uniform(seed++, [2, 3])).Input("b", TestTensors.Uniform(seed++, [2, 3]))
                .Input("c", TestTensors.Uniform(seed++, [2, 3])).Output("y"));
            data.Add(new NodeCase("four inputs broadcasting", op, 13).Input("a", TestTensors.Uniform(seed++, [2, 1, 4])).Input("b", TestTensors.Uniform(seed++, [3, 1]))
                .Constant("c", TestTensors.Uniform(seed++, [4])).Input("d", Tensor.Scalar(0.25f)).Output("y"));
            data.Add(new NodeCase("rank 5", op, 13).Input("a", TestTensors.Uniform(seed++, [1, 2, 1, 3, 2])).Input("b", TestTensors.Uniform(seed++, [2, 1, 1]))
                .Output("y"));
            data.Add(new NodeCase("special values", op, 13).Input("a", TestTensors.Floats([6], float.PositiveInfinity, float.NegativeInfinity, 65504, 1e-40f, 0, -0f))
                .Input("b", TestTensors.Floats([6], 1, float.PositiveInfinity, 65504, -1e-40f, -0f, 0)).Output("y"));
        }
        // ONNX Sum and Mean take floats only.
        foreach (var (op, _) in Ops)
        {
            data.Add(new NodeCase("NaN", op, 13).Input("a", TestTensors.Floats([3], float.NaN, 1, float.NaN))
                .Input("b", TestTensors.Floats([3], 1, float.NaN, float.NaN)).Output("y"));
        }
        foreach (var op in new[] { "Max", "Min" })
        {
            data.Add(new NodeCase("int32", op, 13).Input("a", Tensor.Vector(-3, 4, 0)).Input("b", Tensor.Vector(2, 4, -1)).Output("y", DataType.Int32));
            data.Add(new NodeCase("int64", op, 13).Input("a", TestTensors.LongVector(-3, 4, 0)).Input("b", TestTensors.LongVector(2)).Output("y", DataType.Int64));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
