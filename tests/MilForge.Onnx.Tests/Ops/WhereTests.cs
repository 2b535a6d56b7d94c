namespace MilForge.Onnx.Tests.Ops;

/// <summary>Where: three-way broadcasting over ranks 0–5, constant operands, int32/int64 values, opsets 9 and 16.</summary>
public class WhereTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        // (name, cond, x, y shapes)
        foreach (var (name, c, x, y) in new (string, int[], int[], int[])[]
        {
            ("same shape", [2, 3], [2, 3], [2, 3]),
            ("broadcast cond", [3], [2, 3], [2, 3]),
            ("broadcast values", [2, 3], [3], []),
            ("three-way", [2, 1, 1], [1, 3, 1], [1, 1, 4]),
            ("rank 5", [1, 2, 1, 3, 1], [2, 1, 3, 2], [2]),
            ("scalars", [], [], []),
        })
        {
            foreach (var opset in new[] { 9, 16 })
            {
                data.Add(new NodeCase($"{name} opset {opset}", "Where", opset).Input("c", TestTensors.Bools(seed++, c)).Input("x", TestTensors.Uniform(seed++, x))
                    .Input("y", TestTensors.Uniform(seed++, y)).Output("z"));
            }
        }
        data.Add(new NodeCase("constant cond", "Where", 16).Constant("c", TestTensors.Bools(seed++, [2, 3])).Input("x", TestTensors.Uniform(seed++, [2, 3]))
            .Constant("y", Tensor.Scalar(float.NegativeInfinity)).Output("z"));
        data.Add(new NodeCase("mask fill", "Where", 16).Input("c", TestTensors.Bools(seed++, [1, 1, 4, 4])).Constant("x", Tensor.Scalar(-65504f))
            .Input("y", TestTensors.Uniform(seed++, [2, 2, 4, 4])).Output("z"));
        data.Add(new NodeCase("special values", "Where", 16).Input("c", Tensor.Vector(true, false, true, false))
            .Input("x", TestTensors.Floats([4], float.NaN, float.NaN, 1e-40f, 0))
            .Input("y", TestTensors.Floats([4], 1, float.PositiveInfinity, 0, -0f)).Output("z"));
        data.Add(new NodeCase("symbolic broadcast", "Where", 16).SymbolicInput("c", TestTensors.Bools(seed++, [2, 1, 4]), 0)
            .SymbolicInput("x", TestTensors.Uniform(seed++, [3, 1]), 0)
            .Input("y", Tensor.Scalar(0f)).Output("z"));
        data.Add(new NodeCase("int64", "Where", 16).Input("c", TestTensors.Bools(seed++, [4])).Input("x", TestTensors.LongVector(1, 2, 3, 4))
            .Constant("y", Tensor.Scalar(-1L)).Output("z", DataType.Int64));
        data.Add(new NodeCase("int32", "Where", 16).Input("c", TestTensors.Bools(seed++, [2, 2])).Input("x", Tensor.Vector(5, 6))
            .Input("y", Tensor.Create(new[] { 7, 8, 9, 10 }, 2, 2)).Output("z", DataType.Int32));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
