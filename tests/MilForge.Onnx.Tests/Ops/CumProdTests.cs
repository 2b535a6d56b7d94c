using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// CumProd (opset 26, unrolled over the static axis): every axis, exclusive and reverse in all four combinations,
/// float, int32 and int64 data, zeros and negative values, length 1 and 0, symbolic batch; a symbolic or overlong axis
/// is refused.
/// </summary>
public class CumProdTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var x = TestTensors.Uniform(1, [3, 4, 5], 0.5f, 1.5f);
        foreach (var axis in new long[] { 0, 1, 2, -1 })
        {
            foreach (var (exclusive, reverse) in new[] { (0L, 0L), (1L, 0L), (0L, 1L), (1L, 1L) })
            {
                data.Add(new NodeCase($"axis {axis} exclusive {exclusive} reverse {reverse}", "CumProd", 26).Input("x", x).Constant("axis", Tensor.Scalar(axis))
                    .Attr("exclusive", exclusive).Attr("reverse", reverse).Output("y"));
            }
        }
        data.Add(new NodeCase("zeros and negatives", "CumProd", 26).Input("x", TestTensors.Floats([2, 4], -1, 2, 0, 3, 2, -2, 0.5f, -4)).Constant("axis", Tensor.Scalar(1L))
            .Output("y"));
        data.Add(new NodeCase("int32 data", "CumProd", 26).Input("x", Tensor.Create(new[] { 1, -2, 3, 4, 5, -6 }, 2, 3)).Constant("axis", Tensor.Scalar(1L))
            .Attr("exclusive", 1L).Output("y", DataType.Int32));
        data.Add(new NodeCase("int64 data", "CumProd", 26).Input("x", TestTensors.Longs(2, [3, 4], -3, 4)).Constant("axis", Tensor.Scalar(0L))
            .Attr("reverse", 1L).Output("y", DataType.Int64));
        data.Add(new NodeCase("int32 axis", "CumProd", 26).Input("x", x).Constant("axis", Tensor.Scalar(2)).Output("y"));
        data.Add(new NodeCase("length-1 axis", "CumProd", 26).Input("x", TestTensors.Uniform(4, [3, 1])).Constant("axis", Tensor.Scalar(1L)).Output("y"));
        data.Add(new NodeCase("length-1 axis exclusive", "CumProd", 26).Input("x", TestTensors.Uniform(4, [3, 1])).Constant("axis", Tensor.Scalar(1L))
            .Attr("exclusive", 1L).Output("y"));
        data.Add(new NodeCase("empty axis", "CumProd", 26).Input("x", Tensor.Create(Array.Empty<float>(), 2, 0)).Constant("axis", Tensor.Scalar(1L)).Output("y"));
        data.Add(new NodeCase("symbolic batch", "CumProd", 26).SymbolicInput("x", x, 0).Constant("axis", Tensor.Scalar(-1L)).Attr("exclusive", 1L).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => OnnxOracle.AssertMatchesFp16(c);

    [Fact]
    public void SymbolicAxisIsRejected() =>
        Rejection.Assert(new NodeCase("symbolic axis", "CumProd", 26).SymbolicInput("x", TestTensors.Uniform(1, [2, 3]), 1).Constant("axis", Tensor.Scalar(1L))
            .Output("y"), DiagnosticCodes.OnnxBadAttribute, "static length");

    [Fact]
    public void OverlongAxisIsRejected() =>
        Rejection.Assert(new NodeCase("long axis", "CumProd", 26).Input("x", TestTensors.Uniform(1, [1, 300])).Constant("axis", Tensor.Scalar(1L)).Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "static length");
}
