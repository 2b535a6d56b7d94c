using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>Range: constant (folded) and run-time scalars, int and float, negative and fractional deltas, empty results.</summary>
public class RangeTests
{
    private static readonly (string Name, float Start, float Limit, float Delta)[] Ranges =
    [
        ("positive delta", 1, 5, 2),
        ("negative delta", 10, 4, -3),
        ("fractional", 0, 1, 0.25f),
        ("non-integral count", -1, 2.1f, 0.7f),
        ("empty", 5, 1, 1),
        ("empty negative", 1, 5, -1),
    ];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        foreach (var (name, start, limit, delta) in Ranges)
        {
            data.Add(Build($"{name}, constant", start, limit, delta, constant: true));
            data.Add(Build($"{name}, run time", start, limit, delta, constant: false));
        }
        data.Add(new NodeCase("int32", "Range", 11).Constant("start", Tensor.Scalar(10)).Constant("limit", Tensor.Scalar(-3)).Constant("delta", Tensor.Scalar(-4))
            .Output("y", DataType.Int32));
        data.Add(new NodeCase("int64 run time", "Range", 11).Input("start", Tensor.Scalar(-5L)).Input("limit", Tensor.Scalar(7L)).Input("delta", Tensor.Scalar(3L))
            .Output("y", DataType.Int64));
        data.Add(new NodeCase("int64 constant", "Range", 11).Constant("start", Tensor.Scalar(2L)).Constant("limit", Tensor.Scalar(12L)).Constant("delta", Tensor.Scalar(5L))
            .Output("y", DataType.Int64));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void ZeroDeltaIsRejected() =>
        Rejection.Assert(new NodeCase("delta 0", "Range", 11).Constant("start", Tensor.Scalar(1f)).Constant("limit", Tensor.Scalar(3f)).Constant("delta", Tensor.Scalar(0f)).Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "delta");

    [Fact]
    public void VectorStartIsRejected() =>
        Rejection.Assert(new NodeCase("vector start", "Range", 11).Input("start", TestTensors.Floats([2], 1, 2)).Constant("limit", Tensor.Scalar(3f)).Constant("delta", Tensor.Scalar(1f)).Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "scalar");

    private static NodeCase Build(string name, float start, float limit, float delta, bool constant)
    {
        var c = new NodeCase(name, "Range", 11);
        foreach (var (input, v) in new[] { ("start", start), ("limit", limit), ("delta", delta) })
        {
            c = constant ? c.Constant(input, Tensor.Scalar(v)) : c.Input(input, Tensor.Scalar(v));
        }
        return c.Output("y");
    }
}
