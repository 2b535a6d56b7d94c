using MilForge.Diagnostics;

namespace MilForge.Mil.Tests.Ops;

/// <summary>Type inference of gather_nd (iOS15, iOS16 batch_dims), scatter, scatter_along_axis, and scatter_nd.</summary>
public class ScatterGatherNdTests
{
    [Fact]
    public void GatherNdKeepsTheTupleDimsAndTheUnaddressedTail()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[5, 4]", h.Type("gather_nd", new() { { "x", h.F32(2, 3, 4) }, { "indices", h.I32(5, 2) } }));
        Assert.Equal("fp32[5, 7]", h.Type("gather_nd", new() { { "x", h.F32(2, 3, 4) }, { "indices", h.I32(5, 7, 3) } }));
        Assert.Equal("fp16[2, 6, 4]", h.Type("gather_nd", new() { { "x", h.F16(2, 3, 4) }, { "indices", h.I32(2, 6, 1) }, { "batch_dims", 1 } }));
        h.Fails(DiagnosticCodes.MilBadShape, "gather_nd", new() { { "x", h.F32(2, 3) }, { "indices", h.I32(5, 3) } });
        h.Fails(DiagnosticCodes.MilBadShape, "gather_nd", new() { { "x", h.F32(2, 3) }, { "indices", h.I32(2, 2) }, { "batch_dims", 1 } });
        var ios15 = new MilHarness(DeploymentTarget.iOS15);
        ios15.Fails(DiagnosticCodes.MilMalformed, "gather_nd", new() { { "x", ios15.F32(2, 3) }, { "indices", ios15.I32(2, 1) }, { "batch_dims", 1 } });
    }

    [Fact]
    public void ScattersCheckTheUpdatesShapeAndMode()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[4, 3]", h.Type("scatter", new() { { "data", h.F32(4, 3) }, { "indices", h.I32(2) }, { "updates", h.F32(4, 2) }, { "axis", 1 } }));
        Assert.Equal("fp32[4, 3]", h.Type("scatter_along_axis", new() { { "data", h.F32(4, 3) }, { "indices", h.I32(2, 3) }, { "updates", h.F32(2, 3) }, { "mode", "update" } }));
        Assert.Equal("int32[4, 3, 2]", h.Type("scatter_nd", new() { { "data", h.I32(4, 3, 2) }, { "indices", h.I32(5, 2) }, { "updates", h.I32(5, 2) }, { "mode", "max" } }));
        h.Fails(DiagnosticCodes.MilBadShape, "scatter", new() { { "data", h.F32(4, 3) }, { "indices", h.I32(2) }, { "updates", h.F32(2, 2) } });
        h.Fails(DiagnosticCodes.MilBadShape, "scatter_along_axis", new() { { "data", h.F32(4, 3) }, { "indices", h.I32(2, 2) }, { "updates", h.F32(2, 2) } });
        h.Fails(DiagnosticCodes.MilBadShape, "scatter_nd", new() { { "data", h.F32(4, 3) }, { "indices", h.I32(5, 1) }, { "updates", h.F32(5, 2) } });
        h.Fails(DiagnosticCodes.MilMalformed, "scatter_nd", new() { { "data", h.F32(4) }, { "indices", h.I32(1, 1) }, { "updates", h.F32(1) }, { "mode", "pow" } });
        h.Fails(DiagnosticCodes.MilMalformed, "scatter_nd", new() { { "data", h.F32(4) }, { "indices", h.I32(1, 1) }, { "updates", h.F32(1) }, { "axis", 0 } });
    }
}
