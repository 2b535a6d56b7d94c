using MilForge.Onnx.Reading;
using MilForge.Precision;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// MatMul: NumPy semantics (rank-1 operands are promoted then squeezed, batch dims broadcast); a constant 2-D right
/// operand becomes MIL linear.
/// </summary>
public class MatMulTests
{
    // (name, a shape, b shape)
    private static readonly (string Name, int[] A, int[] B)[] Shapes =
    [
        ("2-D", [3, 4], [4, 5]),
        ("vector dot vector", [4], [4]),
        ("vector times matrix", [4], [4, 5]),
        ("matrix times vector", [3, 4], [4]),
        ("vector times batch", [4], [2, 4, 5]),
        ("batch times vector", [2, 3, 4], [4]),
        ("batch times matrix", [2, 3, 4], [4, 5]),
        ("matrix times batch", [3, 4], [2, 4, 5]),
        ("batch broadcast", [2, 1, 3, 4], [5, 4, 6]),
        ("rank 5", [2, 1, 2, 3, 4], [3, 1, 4, 2]),
        ("unit inner", [3, 1], [1, 2]),
    ];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var (name, a, b) in Shapes)
        {
            data.Add(new NodeCase(name, "MatMul", 13).Input("a", TestTensors.Uniform(seed++, a)).Input("b", TestTensors.Uniform(seed++, b)).Output("c"));
            data.Add(new NodeCase($"{name}, constant b", "MatMul", 13).Input("a", TestTensors.Uniform(seed++, a)).Constant("b", TestTensors.Uniform(seed++, b))
                .Output("c"));
        }
        foreach (var opset in new[] { 1, 9 })
        {
            data.Add(new NodeCase($"opset {opset}", "MatMul", opset).Input("a", TestTensors.Uniform(seed++, [2, 3]))
                .Constant("b", TestTensors.Uniform(seed++, [3, 2])).Output("c"));
        }
        data.Add(new NodeCase("constant a", "MatMul", 13).Constant("a", TestTensors.Uniform(seed++, [3, 4])).Input("b", TestTensors.Uniform(seed++, [2, 4, 5]))
            .Output("c"));
        data.Add(new NodeCase("linear on rank 4", "MatMul", 13).Input("a", TestTensors.Uniform(seed++, [2, 2, 3, 8]))
            .Constant("b", TestTensors.Uniform(seed++, [8, 16])).Output("c"));
        data.Add(new NodeCase("symbolic batch into linear", "MatMul", 13)
            .SymbolicInput("a", TestTensors.Uniform(seed++, [3, 4]), 0).Constant("b", TestTensors.Uniform(seed++, [4, 2])).Output("c"));
        data.Add(new NodeCase("symbolic both", "MatMul", 13).SymbolicInput("a", TestTensors.Uniform(seed++, [2, 3, 4]), 0, 1)
            .SymbolicInput("b", TestTensors.Uniform(seed++, [2, 4, 5]), 0, 2).Output("c"));
        data.Add(new NodeCase("int32", "MatMul", 13).Input("a", Tensor.Create(new[] { 1, -2, 3, 4, 5, -6 }, 2, 3))
            .Input("b", Tensor.Create(new[] { 1, 0, -1, 2, 3, 1 }, 3, 2)).Output("c", DataType.Int32));
        data.Add(new NodeCase("int64", "MatMul", 13).Input("a", Tensor.Create(new long[] { 1, -2, 3, 4, 5, -6 }, 2, 3))
            .Input("b", Tensor.Create(new long[] { 1, 0, -1, 2, 3, 1 }, 3, 2)).Output("c", DataType.Int64));
        data.Add(new NodeCase("special values", "MatMul", 13)
            .Input("a", TestTensors.Floats([2, 2], float.PositiveInfinity, 1, float.NaN, 0))
            .Input("b", TestTensors.Floats([2, 2], 0, 1, 2, 65504)).Output("c"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [InlineData(true, new[] { 2, 3, 4 }, new[] { 4, 5 }, "linear")]
    [InlineData(true, new[] { 4 }, new[] { 4, 5 }, "linear")]
    [InlineData(false, new[] { 3, 4 }, new[] { 4, 5 }, "matmul")]
    [InlineData(true, new[] { 2, 3, 4 }, new[] { 2, 4, 5 }, "matmul")]
    public void AConstant2DWeightBecomesLinear(bool constant, int[] a, int[] b, string expected)
    {
        var c = new NodeCase("structure", "MatMul", 13).Input("a", TestTensors.Uniform(1, a));
        c = (constant ? c.Constant("b", TestTensors.Uniform(2, b)) : c.Input("b", TestTensors.Uniform(2, b))).Output("c");
        var ops = OnnxConversion.Import(OnnxModel.Parse(c.ModelBytes(), null, "matmul")).Program.Main.AllOperations()
            .Where(o => !o.IsConst).Select(o => o.Type);
        Assert.Equal([expected], ops);
    }
}
