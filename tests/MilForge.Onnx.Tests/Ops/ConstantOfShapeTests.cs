using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>ConstantOfShape: default fp32 zero, fill values of several types, scalar and zero-size shapes, opsets 9–21.</summary>
public class ConstantOfShapeTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var shape = TestTensors.LongVector(2, 3, 4);
        var data = new TheoryData<NodeCase>
        {
            new NodeCase("default zero", "ConstantOfShape", 9).Constant("shape", shape).Output("y"),
            new NodeCase("float fill", "ConstantOfShape", 9).Constant("shape", shape).Attr("value", TestTensors.Floats([1], -1.5f)).Output("y"),
            new NodeCase("infinity fill", "ConstantOfShape", 9).Constant("shape", shape).Attr("value", TestTensors.Floats([1], float.NegativeInfinity)).Output("y"),
            new NodeCase("int64 fill", "ConstantOfShape", 9).Constant("shape", shape).Attr("value", TestTensors.LongVector(7)).Output("y", DataType.Int64),
            new NodeCase("int32 fill", "ConstantOfShape", 9).Constant("shape", shape).Attr("value", Tensor.Vector(-3)).Output("y", DataType.Int32),
            new NodeCase("bool fill", "ConstantOfShape", 9).Constant("shape", shape).Attr("value", Tensor.Vector(true)).Output("y", DataType.Bool),
            new NodeCase("rank 1", "ConstantOfShape", 9).Constant("shape", TestTensors.LongVector(5)).Attr("value", TestTensors.Floats([1], 2)).Output("y"),
            new NodeCase("rank 5", "ConstantOfShape", 9).Constant("shape", TestTensors.LongVector(1, 2, 1, 2, 3)).Output("y"),
            new NodeCase("zero-size", "ConstantOfShape", 9).Constant("shape", TestTensors.LongVector(2, 0)).Output("y"),
            new NodeCase("scalar", "ConstantOfShape", 9).Constant("shape", Tensor.Create(Array.Empty<long>(), 0)).Attr("value", TestTensors.Floats([1], 4)).Output("y"),
            new NodeCase("opset 20", "ConstantOfShape", 20).Constant("shape", shape).Attr("value", TestTensors.Floats([1], 1)).Output("y"),
            new NodeCase("opset 21", "ConstantOfShape", 21).Constant("shape", shape).Attr("value", TestTensors.LongVector(-2)).Output("y", DataType.Int64),
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void RunTimeShapeIsRejected() =>
        Rejection.Assert(new NodeCase("run-time shape", "ConstantOfShape", 9).Input("shape", TestTensors.LongVector(2, 3)).Output("y"),
            DiagnosticCodes.OnnxNotConstant, "shape");
}
