namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// The one-to-one unary ops (ElementwiseUnaryOps): each op on in-domain data at its oldest ORT-supported and newest
/// opset, ranks 0–5, integer inputs where ONNX allows them, and special values (±0, ±inf, NaN, ±65504, subnormals).
/// </summary>
public class UnaryTests
{
    // (op, input range, opsets). Opset-1 forms are not run: ONNX Runtime implements these ops from opset 6.
    private static readonly (string Op, float Lo, float Hi, int[] Opsets)[] Ops =
    [
        ("Relu", -3, 3, [6, 13, 14]), ("Sigmoid", -6, 6, [6, 13]), ("Tanh", -3, 3, [6, 13]), ("Exp", -5, 5, [6, 13]),
        ("Erf", -3, 3, [9, 13]), ("Abs", -3, 3, [6, 13]), ("Ceil", -3, 3, [6, 13]), ("Floor", -3, 3, [6, 13]),
        ("Round", -4, 4, [11, 22]), ("Sign", -3, 3, [9, 13]), ("Sin", -6, 6, [7, 22]), ("Cos", -6, 6, [7, 22]),
        ("Tan", -1.4f, 1.4f, [7, 22]), ("Asin", -1, 1, [7, 22]), ("Acos", -1, 1, [7, 22]), ("Atan", -5, 5, [7, 22]),
        ("Sinh", -3, 3, [9, 22]), ("Cosh", -3, 3, [9, 22]), ("Atanh", -0.99f, 0.99f, [9, 22]), ("Softplus", -5, 5, [1, 22]),
        ("Softsign", -5, 5, [1, 22]), ("Neg", -3, 3, [6, 13]), ("Sqrt", 0, 9, [6, 13]), ("Log", 0.01f, 9, [6, 13]),
        ("Reciprocal", 0.1f, 5, [6, 13]),
    ];

    private static readonly int[][] Ranks = [[], [5], [2, 3], [2, 3, 4], [1, 2, 3, 2], [2, 1, 2, 3, 2]];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var (op, lo, hi, opsets) in Ops)
        {
            foreach (var opset in opsets)
            {
                data.Add(new NodeCase("random", op, opset).Input("x", TestTensors.Uniform(seed++, [2, 3, 4], lo, hi)).Output("y"));
            }
        }
        foreach (var shape in Ranks)
        {
            foreach (var op in new[] { "Relu", "Exp", "Neg", "Reciprocal", "Sqrt" })
            {
                data.Add(new NodeCase($"rank {shape.Length}", op, 13).Input("x", TestTensors.Uniform(seed++, shape, 0.5f, 2)).Output("y"));
            }
        }
        var special = TestTensors.Floats([14], 0, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, 65504, -65504, 1e-40f, -1e-40f,
            0.5f, -0.5f, 1.5f, 2.5f, -2.5f);
        foreach (var (op, _, _, opsets) in Ops)
        {
            data.Add(new NodeCase("special values", op, opsets[^1]).Input("x", special).Output("y"));
        }
        data.Add(new NodeCase("round ties to even", "Round", 11).Input("x", TestTensors.Floats([8], 0.5f, 1.5f, 2.5f, 3.5f, -0.5f, -1.5f, -2.5f, 2.4999998f))
            .Output("y"));
        foreach (var op in new[] { "Abs", "Neg", "Sign" })
        {
            data.Add(new NodeCase("int32", op, 13).Input("x", Tensor.Vector(-5, 0, 7, -1)).Output("y", DataType.Int32));
            data.Add(new NodeCase("int64", op, 13).Input("x", TestTensors.LongVector(-5, 0, 7, -100000)).Output("y", DataType.Int64));
        }
        data.Add(new NodeCase("int32", "Relu", 14).Input("x", Tensor.Vector(-5, 0, 7, -1)).Output("y", DataType.Int32));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
