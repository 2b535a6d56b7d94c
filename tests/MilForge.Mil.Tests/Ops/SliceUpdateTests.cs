using MilForge.Diagnostics;

namespace MilForge.Mil.Tests.Ops;

public class SliceUpdateTests
{
    [Fact]
    public void SliceUpdateKeepsTheTypeOfXAndNeedsAnUpdateOfTheSlicesShape()
    {
        var h = new MilHarness(DeploymentTarget.iOS18);
        Assert.Equal("fp32[4, 6]", h.Type("slice_update", new()
        {
            { "x", h.F32(4, 6) }, { "update", h.F32(2, 3) }, { "begin", new[] { 1, 0 } }, { "end", new[] { 3, 6 } }, { "stride", new[] { 1, 2 } },
        }));
        // A squeezed dim is absent from update; int16 indices are allowed.
        Assert.Equal("int32[4, 6]", h.Type("slice_update", new()
        {
            { "x", h.I32(4, 6) }, { "update", h.I32(6) }, { "begin", Tensor.Vector<short>(2, 0) }, { "end", Tensor.Vector<short>(3, 0) },
            { "squeeze_mask", new[] { true, false } }, { "end_mask", new[] { false, true } },
        }));
        h.Fails(DiagnosticCodes.MilBadShape, "slice_update", new() { { "x", h.F32(4, 6) }, { "update", h.F32(2, 2) }, { "begin", new[] { 1, 0 } }, { "end", new[] { 3, 6 } } });
        h.Fails(DiagnosticCodes.MilBadShape, "slice_update", new()
        {
            { "x", h.F32(4) }, { "update", h.F32() }, { "begin", new[] { 1 } }, { "end", new[] { 2 } }, { "squeeze_mask", new[] { true } },
        });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "slice_update", new() { { "x", h.F32(4) }, { "update", h.F16(2) }, { "begin", new[] { 0 } }, { "end", new[] { 2 } } });
        var ios17 = new MilHarness(DeploymentTarget.iOS17);
        ios17.Fails(DiagnosticCodes.MilOpUnavailable, "slice_update", new() { { "x", ios17.F32(4) }, { "update", ios17.F32(2) }, { "begin", new[] { 0 } }, { "end", new[] { 2 } } });
    }
}
