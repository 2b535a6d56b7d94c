using MilForge.Diagnostics;

namespace MilForge.Mil.Tests.Ops;

public class TensorTransformTests
{
    [Theory]
    [InlineData(new[] { 4, -1 }, "fp32[4, 6]")]
    [InlineData(new[] { 0, -1 }, "fp32[2, 12]")]
    [InlineData(new[] { -1 }, "fp32[24]")]
    [InlineData(new[] { 2, -1, 2 }, "fp32[2, 6, 2]")]
    [InlineData(new[] { 0, 0, 0 }, "fp32[2, 3, 4]")]
    [InlineData(new[] { 1, 24, 1 }, "fp32[1, 24, 1]")]
    public void ReshapeResolvesMinusOneAndZero(int[] shape, string expected)
    {
        var h = new MilHarness();
        Assert.Equal(expected, h.Type("reshape", new() { { "x", h.F32(2, 3, 4) }, { "shape", shape } }));
    }

    [Fact]
    public void ReshapeSymbolicAndEmpty()
    {
        var h = new MilHarness();
        var y = h.Builder.Single("reshape", new() { { "x", h.F32("b", 3, 4) }, { "shape", new[] { 0, -1 } } });
        Assert.Equal(2, y.Shape.Rank);
        Assert.Equal(Dim.Of("b"), y.Shape[0]);
        Assert.Equal("fp32[0, 3]", h.Type("reshape", new() { { "x", h.F32(0, 3) }, { "shape", new[] { -1, 3 } } }));
        var dynamic = h.Builder.Single("reshape", new() { { "x", h.F32(2, 3) }, { "shape", h.I32(3) } });
        Assert.Equal(3, dynamic.Shape.Rank);
        Assert.False(dynamic.Shape.IsStatic);
    }

    [Fact]
    public void ReshapeErrors()
    {
        var h = new MilHarness();
        var x = h.F32(2, 3, 4);
        h.Fails(DiagnosticCodes.MilBadShape, "reshape", new() { { "x", x }, { "shape", new[] { -1, -1 } } });
        h.Fails(DiagnosticCodes.MilBadShape, "reshape", new() { { "x", x }, { "shape", new[] { 5, 5 } } });
        h.Fails(DiagnosticCodes.MilBadShape, "reshape", new() { { "x", x }, { "shape", new[] { 5, -1 } } });
        h.Fails(DiagnosticCodes.MilBadShape, "reshape", new() { { "x", x }, { "shape", new[] { -2, 12 } } });
        h.Fails(DiagnosticCodes.MilBadShape, "reshape", new() { { "x", x }, { "shape", new[] { 2, 3, 4, 0 } } });
        h.Fails(DiagnosticCodes.MilBadShape, "reshape", new() { { "x", x }, { "shape", 24 } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "reshape", new() { { "x", x }, { "shape", new[] { 24f } } });
    }

    [Theory]
    [InlineData(null, "fp32[3, 4]")]
    [InlineData(new[] { 0 }, "fp32[3, 1, 4]")]
    [InlineData(new[] { -2 }, "fp32[1, 3, 4]")]
    [InlineData(new[] { 0, 2 }, "fp32[3, 4]")]
    public void SqueezeRemovesSizeOneDims(int[]? axes, string expected)
    {
        var h = new MilHarness();
        var args = new Building.OpArgs { { "x", h.F32(1, 3, 1, 4) } };
        if (axes is not null)
        {
            args.Add("axes", axes);
        }
        Assert.Equal(expected, h.Type("squeeze", args));
    }

    [Fact]
    public void SqueezeSymbolicAndErrors()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[b, 3]", h.Type("squeeze", new() { { "x", h.F32("b", 1, 3) } }));
        Assert.Equal("fp32[3]", h.Type("squeeze", new() { { "x", h.F32("b", 3) }, { "axes", new[] { 0 } } }));
        h.Fails(DiagnosticCodes.MilBadShape, "squeeze", new() { { "x", h.F32(1, 3) }, { "axes", new[] { 1 } } });
        h.Fails(DiagnosticCodes.MilBadShape, "squeeze", new() { { "x", h.F32(1, 3) }, { "axes", new[] { 2 } } });
        h.Fails(DiagnosticCodes.MilNotConstant, "squeeze", new() { { "x", h.F32(1, 3) }, { "axes", h.I32(1) } });
    }

    [Theory]
    [InlineData(new[] { 0 }, "fp32[1, 3, 4]")]
    [InlineData(new[] { 1 }, "fp32[3, 1, 4]")]
    [InlineData(new[] { -1 }, "fp32[3, 4, 1]")]
    [InlineData(new[] { 0, -1 }, "fp32[1, 3, 4, 1]")]
    [InlineData(new[] { 3, 0 }, "fp32[1, 3, 4, 1]")]
    [InlineData(new[] { 1, 2 }, "fp32[3, 1, 1, 4]")]
    public void ExpandDimsInsertsAtOutputPositions(int[] axes, string expected)
    {
        var h = new MilHarness();
        Assert.Equal(expected, h.Type("expand_dims", new() { { "x", h.F32(3, 4) }, { "axes", axes } }));
    }

    [Fact]
    public void ExpandDimsErrors()
    {
        var h = new MilHarness();
        h.Fails(DiagnosticCodes.MilBadShape, "expand_dims", new() { { "x", h.F32(3, 4) }, { "axes", new[] { 0, 0 } } });
        h.Fails(DiagnosticCodes.MilBadShape, "expand_dims", new() { { "x", h.F32(3, 4) }, { "axes", new[] { 0, -4 } } });
        h.Fails(DiagnosticCodes.MilBadShape, "expand_dims", new() { { "x", h.F32(3, 4) }, { "axes", new[] { 3 } } });
        Assert.Equal("fp32[1]", h.Type("expand_dims", new() { { "x", h.F32() }, { "axes", new[] { 0 } } }));
    }

    [Fact]
    public void TransposePermutes()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[4, 2, b]", h.Type("transpose", new() { { "x", h.F32(2, "b", 4) }, { "perm", new[] { 2, 0, 1 } } }));
        Assert.Equal("fp32[4, 2, 3]", h.Type("transpose", new() { { "x", h.F32(2, 3, 4) }, { "perm", new[] { -1, 0, 1 } } }));
        h.Fails(DiagnosticCodes.MilBadShape, "transpose", new() { { "x", h.F32(2, 3, 4) }, { "perm", new[] { 0, 0, 1 } } });
        h.Fails(DiagnosticCodes.MilBadShape, "transpose", new() { { "x", h.F32(2, 3, 4) }, { "perm", new[] { 1, 0 } } });
        h.Fails(DiagnosticCodes.MilBadShape, "transpose", new() { { "x", h.F32(2, 3, 4) }, { "perm", new[] { 0, 1, 3 } } });
    }

    [Fact]
    public void TilePadFillAndRange()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[4, 9]", h.Type("tile", new() { { "x", h.F32(2, 3) }, { "reps", new[] { 2, 3 } } }));
        Assert.Equal("fp32[2, 0]", h.Type("tile", new() { { "x", h.F32(2, 3) }, { "reps", new[] { 1, 0 } } }));
        h.Fails(DiagnosticCodes.MilBadShape, "tile", new() { { "x", h.F32(2, 3) }, { "reps", new[] { 2 } } });
        Assert.Equal("fp32[2, 6, 5]", h.Type("pad", new() { { "x", h.F32(2, 3, 4) }, { "pad", new[] { 1, 2, 0, 1 } } }));
        Assert.Equal("fp32[4, 3, 4]", h.Type("pad", new() { { "x", h.F32(2, 3, 4) }, { "pad", new[] { 1, 1, 0, 0, 0, 0 } } }));
        h.Fails(DiagnosticCodes.MilBadShape, "pad", new() { { "x", h.F32(2, 3) }, { "pad", new[] { 1, 1, 1 } } });
        h.Fails(DiagnosticCodes.MilBadShape, "pad", new() { { "x", h.F32(2) }, { "pad", new[] { 1, 1, 1, 1 } } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "pad", new() { { "x", h.F32(2) }, { "pad", new[] { 1, 1 } }, { "mode", "wrap" } });
        Assert.Equal("int32[2, 3]", h.Type("fill", new() { { "shape", new[] { 2, 3 } }, { "value", 7 } }));
        Assert.Equal("fp32[0]", h.Type("fill", new() { { "shape", new[] { 0 } } }));
        Assert.Equal("int32[4]", h.Type("range_1d", new() { { "end", 10 }, { "start", 2 }, { "step", 2 } }));
        Assert.Equal("fp32[3]", h.Type("range_1d", new() { { "end", 0f }, { "start", 1f }, { "step", -0.4f } }));
        h.Fails(DiagnosticCodes.MilBadShape, "range_1d", new() { { "end", 10 }, { "start", 2 }, { "step", 0 } });
        Assert.Equal("int32[3]", h.Type("shape", new() { { "x", h.F32("b", 3, 4) } }));
        Assert.Equal("fp32[6, 20]", h.Type("flatten2d", new() { { "x", h.F32(2, 3, 4, 5) }, { "axis", 2 } }));
        Assert.Equal("fp32[1, 120]", h.Type("flatten2d", new() { { "x", h.F32(2, 3, 4, 5) }, { "axis", 0 } }));
        Assert.Equal("fp32[120, 1]", h.Type("flatten2d", new() { { "x", h.F32(2, 3, 4, 5) }, { "axis", 4 } }));
    }
}
