using MilForge.Diagnostics;

namespace MilForge.Mil.Tests.Ops;

/// <summary>pixel_shuffle / pixel_unshuffle typing: shapes, symbolic dims, divisibility, rank, the uint32 factor and iOS16.</summary>
public class PixelShuffleTests
{
    [Fact]
    public void ShapesMoveBetweenChannelsAndSpace()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[1, 2, 8, 8]", h.Type("pixel_shuffle", new() { { "x", h.F32(1, 8, 4, 4) }, { "upscale_factor", 2 } }));
        Assert.Equal("fp16[2, 1, 9, 6]", h.Type("pixel_shuffle", new() { { "x", h.F16(2, 9, 3, 2) }, { "upscale_factor", 3 } }));
        Assert.Equal("fp32[1, 8, 4, 4]", h.Type("pixel_unshuffle", new() { { "x", h.F32(1, 2, 8, 8) }, { "downscale_factor", Tensor.Scalar(2u) } }));
        Assert.StartsWith("fp32[n, 2, ", h.Type("pixel_shuffle", new() { { "x", h.F32("n", 8, "h", 4) }, { "upscale_factor", 2 } }), StringComparison.Ordinal);
    }

    [Fact]
    public void BadInputsAreMil2002()
    {
        var h = new MilHarness();
        h.Fails(DiagnosticCodes.MilBadShape, "pixel_shuffle", new() { { "x", h.F32(1, 6, 4, 4) }, { "upscale_factor", 2 } });
        h.Fails(DiagnosticCodes.MilBadShape, "pixel_shuffle", new() { { "x", h.F32(8, 4, 4) }, { "upscale_factor", 2 } });
        h.Fails(DiagnosticCodes.MilBadShape, "pixel_unshuffle", new() { { "x", h.F32(1, 2, 5, 8) }, { "downscale_factor", Tensor.Scalar(2u) } });
        h.Fails(DiagnosticCodes.MilBadShape, "pixel_shuffle", new() { { "x", h.F32(1, 4, 4, 4) }, { "upscale_factor", 0 } });
    }

    [Fact]
    public void PixelUnshuffleNeedsIos16() =>
        Assert.Equal(DeploymentTarget.iOS16, MilForge.Mil.Ops.OpCatalog.Default.Oldest("pixel_unshuffle")!.Since);
}
