namespace MilForge.Onnx.Tests.Ops;

/// <summary>Add, Sub, Mul and Div (ElementwiseBinaryOps): NumPy broadcasting over ranks 0–5, int types, special values.</summary>
public class ArithmeticTests
{
    private static readonly string[] Ops = ["Add", "Sub", "Mul", "Div"];

    // (name, a shape, b shape): same shape, trailing vector, two-sided broadcasts, scalars, rank 1 and rank 5.
    private static readonly (string Name, int[] A, int[] B)[] Shapes =
    [
        ("same shape", [2, 3, 4], [2, 3, 4]),
        ("trailing vector", [2, 3, 4], [4]),
        ("two-sided", [2, 1, 4], [3, 1]),
        ("scalar right", [2, 3], []),
        ("scalar left", [], [5]),
        ("rank 1", [7], [7]),
        ("rank 5", [1, 2, 1, 3, 2], [2, 1, 3, 1]),
        ("unit dims", [1, 1], [3, 1, 1]),
    ];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        foreach (var op in Ops)
        {
            var seed = 10;
            foreach (var (name, a, b) in Shapes)
            {
                // Div's divisor stays away from zero so the relative check is meaningful.
                var y = op == "Div" ? TestTensors.Uniform(seed++, b, 0.5f, 3) : TestTensors.Uniform(seed++, b, -3, 3);
                data.Add(new NodeCase(name, op, 14).Input("a", TestTensors.Uniform(seed++, a, -3, 3)).Input("b", y).Output("c"));
            }
            foreach (var opset in new[] { 7, 13 })
            {
                data.Add(new NodeCase($"opset {opset}", op, opset)
                    .Input("a", TestTensors.Uniform(1, [3, 4], -2, 2)).Input("b", TestTensors.Uniform(2, [4], 1, 2)).Output("c"));
            }
            data.Add(new NodeCase("constant operand", op, 14)
                .Input("a", TestTensors.Uniform(3, [2, 5], -2, 2)).Constant("b", TestTensors.Uniform(4, [5], 1, 2)).Output("c"));
            data.Add(new NodeCase("int32", op, 14)
                .Input("a", Ints([2, 3], -7, 7, -2, 9, 0, 5)).Input("b", Ints([3], 2, -3, 4)).Output("c", DataType.Int32));
            data.Add(new NodeCase("int64", op, 14)
                .Input("a", Longs([4], -7, 7, 100, -100)).Input("b", Longs([4], 2, -2, 3, 3)).Output("c", DataType.Int64));
        }
        foreach (var op in Ops)
        {
            // fp16 in and out: both sides round each result to binary16, so the tight tolerance still holds.
            data.Add(new NodeCase("float16", op, 14).Input("a", TestTensors.Uniform(5, [2, 3], -3, 3).CastTo(DataType.Float16))
                .Input("b", TestTensors.Uniform(6, [3], 0.5f, 3).CastTo(DataType.Float16)).Output("c", DataType.Float16));
        }
        var special = TestTensors.Floats([10], 0, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 65504, -65504, 1e-40f, -1e-45f, 1);
        var other = TestTensors.Floats([10], 0, 1, float.PositiveInfinity, float.PositiveInfinity, 1, 65504, 2, 1e-40f, 3, float.MaxValue);
        foreach (var op in Ops)
        {
            data.Add(new NodeCase("special values", op, 14).Input("a", special).Input("b", other).Output("c"));
            data.Add(new NodeCase("special values swapped", op, 14).Input("a", other).Input("b", special).Output("c"));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void MixedElementTypesAreRejected()
    {
        // ONNX forbids it too, but a clear diagnostic beats a MIL type error deep in the builder.
        var c = new NodeCase("int32 + float", "Add", 14).Input("a", Ints([2], 1, 2)).Input("b", TestTensors.Floats([2], 1, 2)).Output("c");
        Rejection.Assert(c, Diagnostics.DiagnosticCodes.OnnxBadAttribute, "different element types");
    }

    private static Tensor Ints(int[] shape, params int[] values) => Tensor.Create(values, shape);

    private static Tensor Longs(int[] shape, params long[] values) => Tensor.Create(values, shape);
}
