using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>NonMaxSuppression is refused with a coded diagnostic that says why (no exact Core ML equivalent).</summary>
public class NonMaxSuppressionTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    public void IsRejectedWithTheReason(int opset) =>
        Rejection.Assert(new NodeCase("single box", "NonMaxSuppression", opset).Input("boxes", TestTensors.Floats([1, 1, 4], 0, 0, 1, 1))
            .Input("scores", TestTensors.Floats([1, 1, 1], 0.9f)).Constant("max", TestTensors.LongVector(3)).Output("selected", DataType.Int64),
            DiagnosticCodes.OnnxBadAttribute, "no exact Core ML equivalent");
}
