namespace MilForge.Onnx.Tests.Ops;

/// <summary>Equal, Less, Greater, LessOrEqual, GreaterOrEqual: float/int/bool inputs, broadcasting, NaN and signed zeros.</summary>
public class ComparisonTests
{
    private static readonly (string Op, int[] Opsets)[] Ops =
    [
        ("Equal", [11, 13, 19]),
        ("Less", [7, 9, 13]),
        ("Greater", [7, 9, 13]),
        ("LessOrEqual", [12, 16]),
        ("GreaterOrEqual", [12, 16]),
    ];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var special = TestTensors.Floats([8], float.NaN, 0, -0f, float.PositiveInfinity, float.NegativeInfinity, 1e-40f, 65504, 1);
        var other = TestTensors.Floats([8], float.NaN, -0f, 0, float.PositiveInfinity, 1, 0, 65504, float.NaN);
        // Rounded values so equality is hit often.
        var a = Round(TestTensors.Uniform(1, [2, 3, 4], -2, 2));
        var b = Round(TestTensors.Uniform(2, [3, 4], -2, 2));
        foreach (var (op, opsets) in Ops)
        {
            var latest = opsets[^1];
            foreach (var opset in opsets)
            {
                data.Add(new NodeCase("broadcast float", op, opset).Input("a", a).Input("b", b).Output("c", DataType.Bool));
            }
            data.Add(new NodeCase("scalar", op, latest).Input("a", a).Input("b", Tensor.Scalar(0f)).Output("c", DataType.Bool));
            data.Add(new NodeCase("constant", op, latest).Input("a", a).Constant("b", Tensor.Vector(0f, 1f, -1f, 0.5f)).Output("c", DataType.Bool));
            data.Add(new NodeCase("two-sided rank 5", op, latest)
                .Input("a", Round(TestTensors.Uniform(3, [2, 1, 3, 1, 2], -2, 2))).Input("b", Round(TestTensors.Uniform(4, [1, 4, 1], -2, 2)))
                    .Output("c", DataType.Bool));
            data.Add(new NodeCase("int32", op, latest).Input("a", Tensor.Vector(-1, 0, 5, int.MaxValue)).Input("b", Tensor.Vector(0, 0, 4, int.MaxValue))
                .Output("c", DataType.Bool));
            data.Add(new NodeCase("int64", op, latest).Input("a", TestTensors.LongVector(-1, 0, 5, 7)).Input("b", TestTensors.LongVector(0, 0, 4, 7))
                .Output("c", DataType.Bool));
            data.Add(new NodeCase("special values", op, latest).Input("a", special).Input("b", other).Output("c", DataType.Bool));
        }
        data.Add(new NodeCase("int32 opset 7", "Equal", 7).Input("a", Tensor.Vector(1, 2, 3)).Input("b", Tensor.Vector(1, 0, 3)).Output("c", DataType.Bool));
        data.Add(new NodeCase("bool", "Equal", 13).Input("a", TestTensors.Bools(5, [2, 3])).Input("b", TestTensors.Bools(6, [3])).Output("c", DataType.Bool));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    private static Tensor Round(Tensor t) => Tensor.Create(t.AsFloats().Select(v => MathF.Round(v * 2) / 2).ToArray(), t.ShapeArray());
}
