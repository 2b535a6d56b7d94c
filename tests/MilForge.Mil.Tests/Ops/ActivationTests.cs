using MilForge.Diagnostics;

namespace MilForge.Mil.Tests.Ops;

public class ActivationTests
{
    [Theory]
    [InlineData("relu")]
    [InlineData("relu6")]
    [InlineData("sigmoid")]
    [InlineData("tanh")]
    [InlineData("silu")]
    [InlineData("softplus")]
    [InlineData("softsign")]
    [InlineData("gelu")]
    [InlineData("softmax")]
    [InlineData("leaky_relu")]
    [InlineData("elu")]
    [InlineData("thresholded_relu")]
    [InlineData("sigmoid_hard")]
    [InlineData("scaled_tanh")]
    public void ActivationsKeepTypeAndRejectIntegers(string op)
    {
        var h = new MilHarness();
        Assert.Equal("fp16[b, 3]", h.Type(op, new() { { "x", h.F16("b", 3) } }));
        h.Fails(DiagnosticCodes.MilTypeMismatch, op, new() { { "x", h.I32(3) } });
    }

    [Fact]
    public void ParametersDefaultToTheTypeOfX()
    {
        var h = new MilHarness();
        var y = h.Builder.Single("sigmoid_hard", new() { { "x", h.F16(3) } });
        Assert.Equal(DataType.Float16, y.Producer!.Input("alpha")!.DataType);
        Assert.Equal(0.5f, y.Producer.Input("beta")!.ConstantValue!.AsFloats()[0]);
        h.Fails(DiagnosticCodes.MilMalformed, "clip", new() { { "x", h.F32(3) }, { "alpha", 0f } });
        Assert.Equal("fp32[3]", h.Type("clip", new() { { "x", h.F32(3) }, { "alpha", 0f }, { "beta", 6f } }));
        h.Fails(DiagnosticCodes.MilTypeMismatch, "clip", new() { { "x", h.F16(3) }, { "alpha", 0f }, { "beta", 6f } });
        h.Fails(DiagnosticCodes.MilNotConstant, "leaky_relu", new() { { "x", h.F32(3) }, { "alpha", h.F32() } });
    }

    [Fact]
    public void SoftmaxGeluPrelu()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[2, 3]", h.Type("softmax", new() { { "x", h.F32(2, 3) }, { "axis", 0 } }));
        h.Fails(DiagnosticCodes.MilBadShape, "softmax", new() { { "x", h.F32(2, 3) }, { "axis", 2 } });
        h.Fails(DiagnosticCodes.MilBadShape, "softmax", new() { { "x", h.F32() } });
        Assert.Equal("fp32[2]", h.Type("gelu", new() { { "x", h.F32(2) }, { "mode", "TANH_APPROXIMATION" } }));
        h.Fails(DiagnosticCodes.MilTypeMismatch, "gelu", new() { { "x", h.F32(2) }, { "mode", "FAST" } });
        Assert.Equal("fp32[1, 3, 4]", h.Type("prelu", new() { { "x", h.F32(1, 3, 4) }, { "alpha", new float[3] } }));
        h.Fails(DiagnosticCodes.MilBadShape, "prelu", new() { { "x", h.F32(1, 3, 4) }, { "alpha", new float[4] } });
        h.Fails(DiagnosticCodes.MilBadShape, "prelu", new() { { "x", h.F32(3, 4) }, { "alpha", new float[3] } });
    }
}
