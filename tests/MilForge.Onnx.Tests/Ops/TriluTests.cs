using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Trilu: upper and lower, k absent, positive, negative and beyond the matrix, batched, non-square, int and bool,
/// symbolic matrices where band_part expresses the band, in FP32 and FP16.
/// </summary>
public class TriluTests
{
    private static readonly (string Name, int[] Shape)[] Shapes = [("square", [4, 4]), ("wide", [3, 5]), ("tall", [5, 2]), ("batched", [2, 3, 3, 4]), ("one row", [1, 6])];
    private static readonly long?[] Ks = [null, 0, 1, -1, 2, -3, 7, -9];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var upper in new[] { 1L, 0L })
        {
            foreach (var (name, shape) in Shapes)
            {
                foreach (var k in Ks)
                {
                    var c = new NodeCase($"{name} upper={upper} k={k?.ToString() ?? "none"}", "Trilu", 14).Attr("upper", upper)
                        .Input("x", TestTensors.Uniform(seed++, shape, -5, 5));
                    data.Add((k is { } v ? c.Constant("k", Tensor.Scalar(v)) : c).Output("y"));
                }
            }
        }
        data.Add(new NodeCase("default upper", "Trilu", 14).Input("x", TestTensors.Uniform(3, [3, 3])).Output("y"));
        data.Add(new NodeCase("int64", "Trilu", 14).Attr("upper", 0L).Input("x", TestTensors.Longs(4, [3, 4], -9, 9)).Constant("k", Tensor.Scalar(1L))
            .Output("y", DataType.Int64));
        data.Add(new NodeCase("float16", "Trilu", 14).Input("x", TestTensors.Uniform(5, [2, 4, 3]).CastTo(DataType.Float16)).Constant("k", Tensor.Scalar(-1L))
            .Output("y", DataType.Float16));
        data.Add(new NodeCase("infinities stay out of the zeros", "Trilu", 14)
            .Input("x", TestTensors.Floats([2, 2], float.NegativeInfinity, float.PositiveInfinity, float.NaN, 1)).Output("y"));
        data.Add(new NodeCase("symbolic batch", "Trilu", 14).SymbolicInput("x", TestTensors.Uniform(6, [2, 3, 3]), 0).Output("y"));
        data.Add(new NodeCase("symbolic matrix upper k=-1", "Trilu", 14).SymbolicInput("x", TestTensors.Uniform(7, [2, 4, 5]))
            .Constant("k", Tensor.Scalar(-1L)).Output("y"));
        data.Add(new NodeCase("symbolic matrix lower k=2", "Trilu", 14).Attr("upper", 0L).SymbolicInput("x", TestTensors.Uniform(8, [5, 3]))
            .Constant("k", Tensor.Scalar(2L)).Output("y"));
        data.Add(new NodeCase("bool lower", "Trilu", 14).Attr("upper", 0L).Input("x", TestTensors.Bools(9, [4, 4])).Output("y", DataType.Bool));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => OnnxOracle.AssertMatchesFp16(c);

    [Fact]
    public void RunTimeKIsRejected() =>
        Rejection.Assert(new NodeCase("run-time k", "Trilu", 14).Input("x", TestTensors.Uniform(1, [3, 3])).Input("k", Tensor.Scalar(1L)).Output("y"),
            DiagnosticCodes.OnnxNotConstant, "k");

    [Fact]
    public void SymbolicMatrixOffTheDiagonalIsRejected() =>
        Rejection.Assert(new NodeCase("symbolic rows", "Trilu", 14).SymbolicInput("x", TestTensors.Uniform(1, [3, 3]), 0)
            .Constant("k", Tensor.Scalar(1L)).Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "static sizes");
}
