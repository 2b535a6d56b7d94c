using MilForge.Diagnostics;
using MilForge.OnnxRuntime;
using MilForge.Precision.Samples;

namespace MilForge.Onnx.Tests.OnnxRuntimeAdapter;

/// <summary>
/// The ONNX Runtime adapter's reusable session: repeated runs agree with each other and with the reference runner,
/// under any thread count and optimisation level; inputs are cast to the declared types; failures are diagnostics
/// that name the model.
/// </summary>
public class OrtSessionTests
{
    private static Dictionary<string, Tensor> DemoInputs() => new() { ["image"] = TestTensors.Uniform(11, [1, 3, 16, 16]) };

    [Fact]
    public void ASessionRunsRepeatedlyAndMatchesTheReferenceRunner()
    {
        var model = SampleModels.Demo();
        var expected = new OrtReferenceRunner().Run(model, DemoInputs());
        using var session = new OrtSession(model, "demo");
        Assert.Equal(["image"], session.InputNames);
        Assert.Equal(["probabilities"], session.OutputNames);
        for (var run = 0; run < 2; run++)
        {
            var actual = session.Run(DemoInputs());
            Assert.Equal("probabilities", Assert.Single(actual).Key);
            Assert.Equal(expected[0].Value.AsFloats(), actual[0].Value.AsFloats());
        }
    }

    [Theory]
    [InlineData(OrtGraphOptimization.None, 1)]
    [InlineData(OrtGraphOptimization.Extended, 2)]
    [InlineData(OrtGraphOptimization.All, 0)]
    public void OtherSettingsComputeTheSameModel(OrtGraphOptimization optimization, int threads)
    {
        var model = SampleModels.Demo();
        var expected = new OrtReferenceRunner().Run(model, DemoInputs())[0].Value.AsFloats();
        using var session = new OrtSession(model, "demo", new OrtSessionSettings { Optimization = optimization, IntraOpThreads = threads });
        var actual = session.Run(DemoInputs())[0].Value.AsFloats();
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), p => Assert.Equal(p.First, p.Second, 1e-5f));
    }

    [Fact]
    public void InputsAreCastToTheDeclaredType()
    {
        using var session = new OrtSession(SampleModels.Demo());
        var fp32 = session.Run(DemoInputs())[0].Value.AsFloats();
        var fp64 = session.Run(new Dictionary<string, Tensor> { ["image"] = DemoInputs()["image"].CastTo(DataType.Float64) })[0].Value.AsFloats();
        Assert.Equal(fp32, fp64);
    }

    [Fact]
    public void FailuresAreDiagnosticsNamingTheModel()
    {
        var malformed = Assert.Throws<DiagnosticException>(() => new OrtSession([1, 2, 3], "broken.onnx"));
        Assert.Equal(DiagnosticCodes.OnnxMalformed, malformed.Code);
        Assert.Contains("ONNX Runtime cannot load 'broken.onnx'", malformed.Message, StringComparison.Ordinal);

        using var session = new OrtSession(SampleModels.Demo(), "demo.onnx");
        var missing = Assert.Throws<DiagnosticException>(() => session.Run(new Dictionary<string, Tensor>()));
        Assert.Equal(DiagnosticCodes.RunBadInput, missing.Code);
        Assert.Contains("Input 'image' of 'demo.onnx' is missing.", missing.Message, StringComparison.Ordinal);

        var misshaped = Assert.Throws<DiagnosticException>(() => session.Run(new Dictionary<string, Tensor> { ["image"] = TestTensors.Uniform(1, [1, 3, 8, 8]) }));
        Assert.Equal(DiagnosticCodes.RunOpFailed, misshaped.Code);
        Assert.Contains("ONNX Runtime failed on 'demo.onnx'", misshaped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeThreadCountsAreRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OrtSession(SampleModels.Demo(), settings: new OrtSessionSettings { IntraOpThreads = -1 }));
}
