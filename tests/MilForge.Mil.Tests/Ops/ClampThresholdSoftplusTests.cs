using MilForge.Diagnostics;

namespace MilForge.Mil.Tests.Ops;

public class ClampThresholdSoftplusTests
{
    [Fact]
    public void ClampedReluNeedsBothConstantParametersOfTheTypeOfX()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[b, 3]", h.Type("clamped_relu", new() { { "x", h.F32("b", 3) }, { "alpha", 0.1f }, { "beta", 6f } }));
        h.Fails(DiagnosticCodes.MilMalformed, "clamped_relu", new() { { "x", h.F32(3) }, { "alpha", 0.1f } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "clamped_relu", new() { { "x", h.I32(3) }, { "alpha", 1 }, { "beta", 2 } });
        h.Fails(DiagnosticCodes.MilNotConstant, "clamped_relu", new() { { "x", h.F32(3) }, { "alpha", h.F32() }, { "beta", 6f } });
    }

    [Fact]
    public void ThresholdTakesFloatsAndInt32AndAScalarBound()
    {
        var h = new MilHarness();
        Assert.Equal("int32[2, 3]", h.Type("threshold", new() { { "x", h.I32(2, 3) }, { "alpha", 1 } }));
        Assert.Equal("fp16[2]", h.Type("threshold", new() { { "x", h.F16(2) }, { "alpha", Tensor.Scalar((Half)1) } }));
        h.Fails(DiagnosticCodes.MilTypeMismatch, "threshold", new() { { "x", h.I32(2) }, { "alpha", 1f } });
        h.Fails(DiagnosticCodes.MilBadShape, "threshold", new() { { "x", h.F32(2) }, { "alpha", new[] { 1f, 2f } } });
    }

    [Fact]
    public void SoftplusParametricNeedsPerChannelVectorsAndRankThree()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[1, 3, 4]", h.Type("softplus_parametric", new() { { "x", h.F32(1, 3, 4) }, { "alpha", new float[3] }, { "beta", new float[3] } }));
        h.Fails(DiagnosticCodes.MilBadShape, "softplus_parametric", new() { { "x", h.F32(1, 3, 4) }, { "alpha", new float[3] }, { "beta", new float[2] } });
        h.Fails(DiagnosticCodes.MilBadShape, "softplus_parametric", new() { { "x", h.F32(3, 4) }, { "alpha", new float[3] }, { "beta", new float[3] } });
    }
}
