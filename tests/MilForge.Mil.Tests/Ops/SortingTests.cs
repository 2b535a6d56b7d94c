using MilForge.Diagnostics;
using MilForge.Mil.Building;

namespace MilForge.Mil.Tests.Ops;

/// <summary>Type inference of topk (iOS15 and iOS16's sort/return_indices), argsort, cumsum and non_maximum_suppression.</summary>
public class SortingTests
{
    [Fact]
    public void TopKReplacesTheAxisLengthWithK()
    {
        var h = new MilHarness();
        Assert.Equal(["fp32[2, 3, 2]", "int32[2, 3, 2]"], h.Types("topk", new() { { "x", h.F32(2, 3, 4) }, { "k", 2 } }));
        Assert.Equal(["fp16[1, 3, 4]", "int32[1, 3, 4]"], h.Types("topk", new() { { "x", h.F16(2, 3, 4) }, { "axis", 0 }, { "ascending", true } }));
        Assert.Equal(["int32[2, 0, 4]", "int32[2, 0, 4]"], h.Types("topk", new() { { "x", h.I32(2, 3, 4) }, { "k", 0 }, { "axis", -2 } }));
        Assert.Equal(["fp32[n, 3]"], h.Types("topk", new() { { "x", h.F32("n", 5) }, { "k", 3 }, { "return_indices", false } }));
        h.Fails(DiagnosticCodes.MilBadShape, "topk", new() { { "x", h.F32(2, 3) }, { "k", 4 } });
        h.Fails(DiagnosticCodes.MilBadShape, "topk", new() { { "x", h.F32(2, 3) }, { "axis", 2 } });
    }

    [Fact]
    public void Ios15TopKHasNoSortOrReturnIndices()
    {
        var h = new MilHarness(DeploymentTarget.iOS15);
        Assert.Equal(["fp32[2, 1]", "int32[2, 1]"], h.Types("topk", new() { { "x", h.F32(2, 3) } }));
        h.Fails(DiagnosticCodes.MilMalformed, "topk", new() { { "x", h.F32(2, 3) }, { "sort", false } });
    }

    [Fact]
    public void ArgsortAndCumsumKeepTheShape()
    {
        var h = new MilHarness();
        Assert.Equal("int32[2, 3, 4]", h.Type("argsort", new() { { "x", h.F32(2, 3, 4) }, { "axis", 1 } }));
        Assert.Equal("int32[n, 3]", h.Type("argsort", new() { { "x", h.F16("n", 3) } }));
        Assert.Equal("fp16[2, 3]", h.Type("cumsum", new() { { "x", h.F16(2, 3) }, { "axis", -1 }, { "exclusive", true }, { "reverse", true } }));
        Assert.Equal("int32[4]", h.Type("cumsum", new() { { "x", h.I32(4) } }));
        h.Fails(DiagnosticCodes.MilBadShape, "cumsum", new() { { "x", h.F32(2, 3) }, { "axis", -3 } });
        h.Fails(DiagnosticCodes.MilBadShape, "argsort", new() { { "x", h.F32(2, 3) }, { "axis", 2 } });
    }
    [Fact]
    public void NonMaximumSuppressionPadsToMaxBoxes()
    {
        var h = new MilHarness(DeploymentTarget.iOS15);
        OpArgs Args(Value boxes, Value scores, int maxBoxes) => new()
        {
            { "boxes", boxes }, { "scores", scores }, { "iou_threshold", 0.5f }, { "score_threshold", 0.1f }, { "max_boxes", maxBoxes },
        };
        Assert.Equal(["fp32[2, 5, 4]", "fp32[2, 5, 3]", "int32[2, 5]", "int32[2]"], h.Types("non_maximum_suppression", Args(h.F32(2, 10, 4), h.F32(2, 10, 3), 5)));
        Assert.Equal(["fp32[n, 7, 4]", "fp32[n, 7, 1]", "int32[n, 7]", "int32[n]"], h.Types("non_maximum_suppression", Args(h.F32("n", 3, 4), h.F32("n", 3, 1), 7)));
        h.Fails(DiagnosticCodes.MilBadShape, "non_maximum_suppression", Args(h.F32(2, 10, 5), h.F32(2, 10, 3), 5));
        h.Fails(DiagnosticCodes.MilBadShape, "non_maximum_suppression", Args(h.F32(2, 10, 4), h.F32(2, 9, 3), 5));
        h.Fails(DiagnosticCodes.MilBadShape, "non_maximum_suppression", Args(h.F32(2, 10, 4), h.F32(2, 10, 3), 0));
        h.Fails(DiagnosticCodes.MilTypeMismatch, "non_maximum_suppression", Args(h.F32(2, 10, 4), h.F16(2, 10, 3), 5));
    }

    [Fact]
    public void Ios17NonMaximumSuppressionPutsTheBoxesLastAndHasNoScoreThreshold()
    {
        var h = new MilHarness(DeploymentTarget.iOS17);
        OpArgs args = new() { { "boxes", h.F16(1, 4, 8) }, { "scores", h.F16(1, 2, 8) }, { "iou_threshold", Tensor.Scalar((Half)0.5f) }, { "max_boxes", 3 } };
        Assert.Equal(["fp16[1, 4, 3]", "fp16[1, 2, 3]", "int32[1, 3]"], h.Types("non_maximum_suppression", args));
        args.Add("score_threshold", Tensor.Scalar((Half)0.1f));
        h.Fails(DiagnosticCodes.MilMalformed, "non_maximum_suppression", args);
    }
}
