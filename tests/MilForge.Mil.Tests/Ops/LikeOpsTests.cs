using MilForge.Diagnostics;

namespace MilForge.Mil.Tests.Ops;

public class LikeOpsTests
{
    [Fact]
    public void FillLikeTakesTheShapeOfRefTensorAndTheTypeOfValue()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[b, 3]", h.Type("fill_like", new() { { "ref_tensor", h.I32("b", 3) } }));
        Assert.Equal("int32[2]", h.Type("fill_like", new() { { "ref_tensor", h.F16(2) }, { "value", 7 } }));
        Assert.Equal("bool[2]", h.Type("fill_like", new() { { "ref_tensor", h.F32(2) }, { "value", true } }));
        h.Fails(DiagnosticCodes.MilBadShape, "fill_like", new() { { "ref_tensor", h.F32(2) }, { "value", new[] { 1f, 2f } } });
        var ios15 = new MilHarness(DeploymentTarget.iOS15);
        ios15.Fails(DiagnosticCodes.MilOpUnavailable, "fill_like", new() { { "ref_tensor", ios15.F32(2) } });
    }

    [Fact]
    public void ReshapeLikeConcatenatesSlicesOfTheReferenceShapes()
    {
        var h = new MilHarness();
        Value I(int v) => h.Const(Tensor.Scalar(v));
        Value B(bool v) => h.Const(Tensor.Scalar(v));
        // coremltools' example: refs [2, 3, 4] and [1, 5, 6], begins [0, 1], ends [2, 0], end_masks [false, true] -> [2, 3, 5, 6].
        Assert.Equal("fp32[2, 3, 5, 6]", h.Type("reshape_like", new()
        {
            { "x", h.F32(180) },
            { "ref_tensors", new[] { h.F32(2, 3, 4), h.I32(1, 5, 6) } },
            { "begins", new[] { I(0), I(1) } },
            { "ends", new[] { I(2), I(0) } },
            { "end_masks", new[] { B(false), B(true) } },
        }));
        // Negative ends count from the back, as in Python.
        Assert.Equal("int32[4, 2]", h.Type("reshape_like", new()
        {
            { "x", h.I32(8) },
            { "ref_tensors", new[] { h.F32(4, 2, 9) } },
            { "begins", new[] { I(0) } },
            { "ends", new[] { I(-1) } },
            { "end_masks", new[] { B(false) } },
        }));
        h.Fails(DiagnosticCodes.MilBadShape, "reshape_like", new()
        {
            { "x", h.F32(7) }, { "ref_tensors", new[] { h.F32(2, 3) } }, { "begins", new[] { I(0) } }, { "ends", new[] { I(0) } }, { "end_masks", new[] { B(true) } },
        });
        h.Fails(DiagnosticCodes.MilBadShape, "reshape_like", new()
        {
            { "x", h.F32(6) }, { "ref_tensors", new[] { h.F32("n", 3) } }, { "begins", new[] { I(0) } }, { "ends", new[] { I(0) } }, { "end_masks", new[] { B(true) } },
        });
        h.Fails(DiagnosticCodes.MilBadShape, "reshape_like", new()
        {
            { "x", h.F32(6) }, { "ref_tensors", new[] { h.F32(2, 3) } }, { "begins", new[] { I(0), I(1) } }, { "ends", new[] { I(0) } }, { "end_masks", new[] { B(true) } },
        });
    }
}
