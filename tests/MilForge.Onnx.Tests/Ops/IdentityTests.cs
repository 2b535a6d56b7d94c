using MilForge.Diagnostics;
using MilForge.Onnx.Reading;
using MilForge.Precision;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>Identity and inference-mode Dropout (ratio, training_mode=false, the all-true mask output).</summary>
public class IdentityTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var x = TestTensors.Uniform(1, [2, 3, 4]);
        var data = new TheoryData<NodeCase>
        {
            new NodeCase("int64", "Identity", 13).Input("x", TestTensors.LongVector(1, -2)).Output("y", DataType.Int64),
            new NodeCase("bool", "Identity", 13).Input("x", TestTensors.Bools(2, [3])).Output("y", DataType.Bool),
            new NodeCase("constant", "Identity", 13).Constant("x", TestTensors.Uniform(3, [2])).Output("y"),
            new NodeCase("special values", "Identity", 13).Input("x", TestTensors.Floats([4], float.NaN, float.NegativeInfinity, 1e-40f, 65504)).Output("y"),
            new NodeCase("ratio attr opset 7", "Dropout", 7).Input("x", x).Attr("ratio", 0.3f).Output("y"),
            new NodeCase("opset 10 with mask", "Dropout", 10).Input("x", x).Output("y").Output("mask", DataType.Bool),
            new NodeCase("ratio input", "Dropout", 12).Input("x", x).Constant("ratio", Tensor.Scalar(0.5f)).Output("y"),
            new NodeCase("training_mode false", "Dropout", 13).Input("x", x).Constant("ratio", Tensor.Scalar(0.5f)).Constant("t", Tensor.Scalar(false))
                .Output("y").Output("mask", DataType.Bool),
            new NodeCase("skipped ratio", "Dropout", 13).Input("x", x).Skip().Constant("t", Tensor.Scalar(false)).Output("y"),
            new NodeCase("opset 22", "Dropout", 22).Input("x", x).Output("y").Output("mask", DataType.Bool),
        };
        foreach (var opset in new[] { 1, 13, 14, 16, 19, 21 })
        {
            data.Add(new NodeCase($"opset {opset}", "Identity", opset).Input("x", x).Output("y"));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void TrainingModeIsRejected() =>
        Rejection.Assert(new NodeCase("training", "Dropout", 13).Input("x", TestTensors.Uniform(1, [3])).Constant("ratio", Tensor.Scalar(0.5f))
            .Constant("t", Tensor.Scalar(true)).Output("y"), DiagnosticCodes.OnnxBadAttribute, "training mode");

    [Fact]
    public void RunTimeTrainingModeIsRejected() =>
        Rejection.Assert(new NodeCase("training input", "Dropout", 13).Input("x", TestTensors.Uniform(1, [3])).Constant("ratio", Tensor.Scalar(0.5f))
            .Input("t", Tensor.Scalar(false)).Output("y"), DiagnosticCodes.OnnxBadAttribute, "training mode");

    [Theory]
    [InlineData(7, DataType.Float32)]
    [InlineData(10, DataType.Bool)]
    public void DropoutMaskHasTheOpsetsType(int opset, DataType expected)
    {
        // Dropout-7's mask is T (the input type); from opset 10 it is bool.
        var c = new NodeCase("mask type", "Dropout", opset).Input("x", TestTensors.Uniform(1, [3])).Output("y").Output("mask", expected);
        OnnxOracle.AssertMatches(c);
        var import = OnnxConversion.Import(OnnxModel.Parse(c.ModelBytes(), null, c.ToString()));
        Assert.Equal(expected, import.Program.Main.Body.Outputs[1].TensorType.DataType);
    }
}
