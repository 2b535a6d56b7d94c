using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// CumSum: every axis (negative too), exclusive and reverse in all four combinations, float, int32 and int64 data,
/// int32/int64 and scalar/1-D axis constants, opsets 11 and 14, symbolic batch; a run-time axis is refused.
/// </summary>
public class CumSumTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var x = TestTensors.Uniform(1, [3, 4, 5]);
        foreach (var axis in new long[] { 0, 1, 2, -1, -3 })
        {
            foreach (var (exclusive, reverse) in new[] { (0L, 0L), (1L, 0L), (0L, 1L), (1L, 1L) })
            {
                data.Add(new NodeCase($"axis {axis} exclusive {exclusive} reverse {reverse}", "CumSum", 14).Input("x", x).Constant("axis", Tensor.Scalar(axis))
                    .Attr("exclusive", exclusive).Attr("reverse", reverse).Output("y"));
            }
        }
        data.Add(new NodeCase("opset 11", "CumSum", 11).Input("x", x).Constant("axis", Tensor.Scalar(1L)).Output("y"));
        data.Add(new NodeCase("int32 axis", "CumSum", 14).Input("x", x).Constant("axis", Tensor.Scalar(2)).Output("y"));
        data.Add(new NodeCase("1-D axis", "CumSum", 14).Input("x", x).Constant("axis", TestTensors.LongVector(1)).Attr("reverse", 1L).Output("y"));
        data.Add(new NodeCase("int32 data", "CumSum", 14).Input("x", Tensor.Create(new[] { 1, -2, 3, 4, 5, -6 }, 2, 3)).Constant("axis", Tensor.Scalar(1L))
            .Attr("exclusive", 1L).Output("y", DataType.Int32));
        data.Add(new NodeCase("int64 data", "CumSum", 14).Input("x", TestTensors.Longs(2, [3, 4], -50, 50)).Constant("axis", Tensor.Scalar(0L))
            .Attr("reverse", 1L).Output("y", DataType.Int64));
        data.Add(new NodeCase("rank 1", "CumSum", 14).Input("x", TestTensors.Uniform(3, [9])).Constant("axis", Tensor.Scalar(0L)).Output("y"));
        data.Add(new NodeCase("length-1 axis exclusive", "CumSum", 14).Input("x", TestTensors.Uniform(4, [3, 1])).Constant("axis", Tensor.Scalar(1L))
            .Attr("exclusive", 1L).Output("y"));
        data.Add(new NodeCase("empty axis", "CumSum", 14).Input("x", Tensor.Create(Array.Empty<float>(), 2, 0)).Constant("axis", Tensor.Scalar(1L)).Output("y"));
        data.Add(new NodeCase("symbolic batch", "CumSum", 14).SymbolicInput("x", x, 0).Constant("axis", Tensor.Scalar(-1L)).Attr("exclusive", 1L).Output("y"));
        data.Add(new NodeCase("along a symbolic axis", "CumSum", 14).SymbolicInput("x", x).Constant("axis", Tensor.Scalar(1L)).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => OnnxOracle.AssertMatchesFp16(c);

    [Fact]
    public void RunTimeAxisIsRejected() =>
        Rejection.Assert(new NodeCase("run-time axis", "CumSum", 14).Input("x", TestTensors.Uniform(1, [2, 3])).Input("axis", Tensor.Scalar(1L)).Output("y"),
            DiagnosticCodes.OnnxNotConstant, "axis");

    [Fact]
    public void OutOfRangeAxisIsRejected() =>
        Rejection.Assert(new NodeCase("axis 2 of rank 2", "CumSum", 14).Input("x", TestTensors.Uniform(1, [2, 3])).Constant("axis", Tensor.Scalar(2L)).Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "out of range");
}
