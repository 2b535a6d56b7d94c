using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// OneHot: every axis (negative too), negative and out-of-range indices, constant and run-time indices, int64, int32
/// and float indices (non-integral ones match nothing, as ONNX Runtime), float, int32 and int64 values, scalar, vector
/// and float depth, constant and run-time depth and values, opsets 9 and 11.
/// </summary>
public class OneHotTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var indices = Tensor.Create(new long[] { 0, 3, -1, 2, -4, 1 }, 2, 3);
        var values = TestTensors.Floats([2], -1, 2);
        foreach (var axis in new long[] { -1, 0, 1, 2, -2, -3 })
        {
            data.Add(new NodeCase($"axis {axis}", "OneHot", 11).Input("i", indices).Constant("depth", Tensor.Scalar(4L)).Constant("values", values)
                .Attr("axis", axis).Output("y"));
        }
        data.Add(new NodeCase("default axis", "OneHot", 11).Input("i", indices).Constant("depth", Tensor.Scalar(5L)).Constant("values", values).Output("y"));
        data.Add(new NodeCase("constant indices", "OneHot", 11).Constant("i", indices).Constant("depth", Tensor.Scalar(4L)).Constant("values", values).Output("y"));
        data.Add(new NodeCase("out-of-range indices", "OneHot", 11).Input("i", TestTensors.LongVector(4, -5, 9, 0)).Constant("depth", Tensor.Scalar(4L))
            .Constant("values", values).Output("y"));
        // The type combinations are those ONNX Runtime implements (indices, values, depth).
        data.Add(new NodeCase("int32 indices", "OneHot", 11).Input("i", Tensor.Vector(2, -1, 0)).Constant("depth", Tensor.Scalar(3)).Constant("values", values).Output("y"));
        data.Add(new NodeCase("float indices", "OneHot", 11).Input("i", TestTensors.Floats([4], 1.7f, -1.2f, 0, 2.9f)).Constant("depth", Tensor.Scalar(3f))
            .Constant("values", values).Output("y"));
        data.Add(new NodeCase("float depth", "OneHot", 11).Input("i", TestTensors.LongVector(1, 2)).Constant("depth", Tensor.Scalar(3.0f)).Constant("values", values).Output("y"));
        data.Add(new NodeCase("vector depth", "OneHot", 11).Input("i", TestTensors.LongVector(1, 2)).Constant("depth", TestTensors.LongVector(3)).Constant("values", values)
            .Output("y"));
        data.Add(new NodeCase("int64 values", "OneHot", 11).Input("i", indices).Constant("depth", Tensor.Scalar(4L)).Constant("values", TestTensors.LongVector(0, 7))
            .Output("y", DataType.Int64));
        data.Add(new NodeCase("int32 values", "OneHot", 11).Input("i", indices).Constant("depth", Tensor.Scalar(4f)).Constant("values", Tensor.Vector(5, -5))
            .Attr("axis", 0L).Output("y", DataType.Int32));
        data.Add(new NodeCase("opset 9", "OneHot", 9).Input("i", TestTensors.LongVector(0, 2, 1)).Constant("depth", Tensor.Scalar(3L)).Constant("values", values)
            .Attr("axis", 0L).Output("y"));
        data.Add(new NodeCase("run-time depth and values", "OneHot", 11).Input("i", indices).Input("depth", Tensor.Scalar(4L)).Input("values", values).Output("y"));
        data.Add(new NodeCase("run-time float vector depth", "OneHot", 11).Input("i", indices).Input("depth", TestTensors.Floats([1], 3.6f)).Constant("values", values)
            .Attr("axis", 0L).Output("y"));
        data.Add(new NodeCase("run-time int64 values", "OneHot", 11).Input("i", indices).Constant("depth", Tensor.Scalar(4L)).Input("values", TestTensors.LongVector(3, -3))
            .Attr("axis", 1L).Output("y", DataType.Int64));
        data.Add(new NodeCase("symbolic batch", "OneHot", 11).SymbolicInput("i", indices, 0).Constant("depth", Tensor.Scalar(4L)).Constant("values", values)
            .Attr("axis", 1L).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => OnnxOracle.AssertMatchesFp16(c);

    [Fact]
    public void DepthOfTwoValuesIsRejected() =>
        Rejection.Assert(new NodeCase("two depths", "OneHot", 11).Input("i", TestTensors.LongVector(1)).Constant("depth", TestTensors.LongVector(3, 4))
            .Constant("values", TestTensors.Floats([2], 0, 1)).Output("y"), DiagnosticCodes.OnnxBadAttribute, "one value");
}
