using MilForge.Diagnostics;

namespace MilForge.Mil.Tests.Ops;

public class ScaledDotProductAttentionTests
{
    [Fact]
    public void OutputIsQueryRowsByValueWidth()
    {
        var h = new MilHarness(DeploymentTarget.iOS18);
        Assert.Equal("fp16[2, 4, 5, 7]", h.Type("scaled_dot_product_attention", new() { { "query", h.F16(2, 4, 5, 3) }, { "key", h.F16(2, 4, 6, 3) }, { "value", h.F16(2, 4, 6, 7) } }));
        Assert.Equal("fp32[b, 5, 7]", h.Type("scaled_dot_product_attention", new()
        {
            { "query", h.F32("b", 5, 3) }, { "key", h.F32("b", 6, 3) }, { "value", h.F32("b", 6, 7) }, { "attn_mask", h.Input(DataType.Bool, 5, 6) },
        }));
        Assert.Equal("fp32[1, 5, 7]", h.Type("scaled_dot_product_attention", new()
        {
            { "query", h.F32(1, 5, 3) }, { "key", h.F32(1, 6, 3) }, { "value", h.F32(1, 6, 7) }, { "attn_mask", h.F16(1, 1, 6) },
        }));
    }

    [Fact]
    public void MismatchedShapesAreRejected()
    {
        var h = new MilHarness(DeploymentTarget.iOS18);
        h.Fails(DiagnosticCodes.MilBadShape, "scaled_dot_product_attention", new() { { "query", h.F32(5, 3) }, { "key", h.F32(6, 3) }, { "value", h.F32(6, 7) } });
        h.Fails(DiagnosticCodes.MilBadShape, "scaled_dot_product_attention", new() { { "query", h.F32(1, 5, 3) }, { "key", h.F32(1, 6, 4) }, { "value", h.F32(1, 6, 7) } });
        h.Fails(DiagnosticCodes.MilBadShape, "scaled_dot_product_attention", new() { { "query", h.F32(1, 5, 3) }, { "key", h.F32(1, 6, 3) }, { "value", h.F32(1, 5, 7) } });
        h.Fails(DiagnosticCodes.MilBadShape, "scaled_dot_product_attention", new() { { "query", h.F32(2, 5, 3) }, { "key", h.F32(1, 6, 3) }, { "value", h.F32(1, 6, 7) } });
        h.Fails(DiagnosticCodes.MilBadShape, "scaled_dot_product_attention", new()
        {
            { "query", h.F32(1, 5, 3) }, { "key", h.F32(1, 6, 3) }, { "value", h.F32(1, 6, 7) }, { "attn_mask", h.Input(DataType.Bool, 5, 5) },
        });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "scaled_dot_product_attention", new() { { "query", h.F32(1, 5, 3) }, { "key", h.F16(1, 6, 3) }, { "value", h.F32(1, 6, 7) } });
        var ios17 = new MilHarness(DeploymentTarget.iOS17);
        ios17.Fails(DiagnosticCodes.MilOpUnavailable, "scaled_dot_product_attention", new() { { "query", ios17.F32(1, 1, 1) }, { "key", ios17.F32(1, 1, 1) }, { "value", ios17.F32(1, 1, 1) } });
    }
}
