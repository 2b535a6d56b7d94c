using MilForge.Diagnostics;

namespace MilForge.Mil.Tests.Ops;

/// <summary>crop_resize typing in its iOS15 (roi), iOS16 (pad_value) and iOS17 (boxes, box_indices) forms.</summary>
public class CropResizeTests
{
    [Fact]
    public void RoiFormCropsEveryImageOrTheIndexedOne()
    {
        var h = new MilHarness(DeploymentTarget.iOS15);
        Assert.Equal("fp32[3, 2, 5, 4, 6]", h.Type("crop_resize", new() { { "x", h.F32(2, 5, 8, 8) }, { "roi", h.F32(3, 1, 4, 1, 1) }, { "target_height", 4 }, { "target_width", 6 } }));
        Assert.Equal("fp16[3, 1, 5, 1, 1]", h.Type("crop_resize", new() { { "x", h.F16(2, 5, 8, 8) }, { "roi", h.F16(3, 1, 5, 1, 1) } }));
        h.Fails(DiagnosticCodes.MilBadShape, "crop_resize", new() { { "x", h.F32(2, 5, 8, 8) }, { "roi", h.F32(3, 4) } });
        h.Fails(DiagnosticCodes.MilBadShape, "crop_resize", new() { { "x", h.F32(5, 8, 8) }, { "roi", h.F32(3, 1, 4, 1, 1) } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "crop_resize", new() { { "x", h.F32(2, 5, 8, 8) }, { "roi", h.F32(3, 1, 4, 1, 1) }, { "sampling_mode", Tensor.Scalar("NEAREST") } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "crop_resize", new() { { "x", h.F32(2, 5, 8, 8) }, { "roi", h.F32(3, 1, 4, 1, 1) }, { "box_coordinate_mode", Tensor.Scalar("XYWH") } });
    }

    [Fact]
    public void VersionsAddPadValueThenBoxes()
    {
        var catalog = MilForge.Mil.Ops.OpCatalog.Default;
        Assert.Null(catalog.Oldest("crop_resize")!.FindInput("pad_value"));
        var ios16 = new MilHarness(DeploymentTarget.iOS16);
        Assert.Equal("fp32[1, 2, 3, 2, 2]", ios16.Type("crop_resize", new() { { "x", ios16.F32(2, 3, 4, 4) }, { "roi", ios16.F32(1, 1, 4, 1, 1) }, { "target_height", 2 }, { "target_width", 2 }, { "pad_value", Tensor.FromFloats([1f], [], DataType.Float32) } }));
        var ios17 = new MilHarness(DeploymentTarget.iOS17);
        Assert.Equal("fp16[3, 5, 2, 1]", ios17.Type("crop_resize", new() { { "x", ios17.F16(2, 5, 8, 8) }, { "boxes", ios17.F32(3, 4) }, { "box_indices", ios17.I32(3) }, { "target_height", 2 } }));
        ios17.Fails(DiagnosticCodes.MilBadShape, "crop_resize", new() { { "x", ios17.F32(2, 5, 8, 8) }, { "boxes", ios17.F32(3, 5) } });
        ios17.Fails(DiagnosticCodes.MilBadShape, "crop_resize", new() { { "x", ios17.F32(2, 5, 8, 8) }, { "boxes", ios17.F32(3, 4) }, { "box_indices", ios17.I32(2) } });
    }
}
