using MilForge.Diagnostics;
using MilForge.Mil.Building;

namespace MilForge.Mil.Tests.Ops;

public class PoolTests
{
    private static OpArgs Pool(Value x, int[] kernel, int[] strides, string padType, int[]? pad = null, bool ceil = false)
    {
        var args = new OpArgs { { "x", x }, { "kernel_sizes", kernel }, { "strides", strides }, { "pad_type", padType }, { "ceil_mode", ceil } };
        if (pad is not null)
        {
            args.Add("pad", pad);
        }
        return args;
    }

    // Expected sizes follow PyTorch: floor((in + pads − k) / s) + 1, or with ceil_mode the ceiling, minus one when
    // the last window would start in the end padding.
    [Theory]
    [InlineData(5, 2, 2, "valid", null, false, 2)]
    [InlineData(5, 2, 2, "valid", null, true, 3)]
    [InlineData(6, 3, 2, "valid", null, false, 2)]
    [InlineData(6, 3, 2, "valid", null, true, 3)]
    [InlineData(6, 2, 2, "valid", null, true, 3)]
    [InlineData(5, 2, 2, "custom", new[] { 1, 1 }, false, 3)]
    [InlineData(5, 2, 2, "custom", new[] { 1, 1 }, true, 3)] // the 4th window would start in the end padding
    [InlineData(5, 3, 2, "custom", new[] { 1, 1 }, true, 3)]
    [InlineData(5, 3, 2, "custom", new[] { 1, 0 }, false, 2)]
    [InlineData(5, 3, 2, "custom", new[] { 1, 0 }, true, 3)]
    [InlineData(5, 2, 2, "same", null, false, 3)]
    [InlineData(5, 2, 2, "same", null, true, 3)]
    [InlineData(5, 3, 1, "same", null, false, 5)]
    [InlineData(7, 3, 3, "same_lower", null, false, 3)]
    [InlineData(7, 3, 3, "same_lower", null, true, 3)]
    public void OutputSizes(int size, int kernel, int stride, string padType, int[]? pad, bool ceil, int expected)
    {
        foreach (var op in new[] { "max_pool", "avg_pool", "l2_pool" })
        {
            var h = new MilHarness();
            var pad2 = pad is null ? null : new[] { pad[0], pad[1], 0, 0 };
            var y = h.Builder.Single(op, Pool(h.F32(2, 3, size, 4), [kernel, 1], [stride, 1], padType, pad2, ceil));
            Assert.Equal($"fp32[2, 3, {expected}, 4]", y.Type.ToString());
        }
    }

    [Fact]
    public void OneAndThreeSpatialDimsAndDefaults()
    {
        var h = new MilHarness();
        Assert.Equal("fp16[1, 2, 4]", h.Type("max_pool", new() { { "x", h.F16(1, 2, 5) }, { "kernel_sizes", new[] { 2 } }, { "pad_type", "valid" } }));
        Assert.Equal("fp32[1, 2, 2, 2, 2]", h.Type("avg_pool", Pool(h.F32(1, 2, 4, 4, 4), [2, 2, 2], [2, 2, 2], "valid")));
        var y = h.Builder.Single("avg_pool", new() { { "x", h.F32(1, 1, 4, 4) }, { "kernel_sizes", new[] { 2, 2 } }, { "pad_type", "valid" } });
        Assert.Equal(["x", "kernel_sizes", "strides", "pad_type", "pad", "exclude_padding_from_average", "ceil_mode"], y.Producer!.Inputs.Keys);
        Assert.False(y.Producer.Input("exclude_padding_from_average")!.ConstantValue!.Storage<bool>()[0]);
    }

    [Fact]
    public void PoolErrors()
    {
        var h = new MilHarness();
        var x = h.F32(1, 2, 5, 5);
        h.Fails(DiagnosticCodes.MilBadShape, "max_pool", Pool(x, [2], [1, 1], "valid"));
        h.Fails(DiagnosticCodes.MilBadShape, "max_pool", Pool(x, [2, 0], [1, 1], "valid"));
        h.Fails(DiagnosticCodes.MilBadShape, "max_pool", Pool(x, [6, 2], [1, 1], "valid"));
        h.Fails(DiagnosticCodes.MilBadShape, "max_pool", Pool(x, [2, 2], [1, 1], "custom", [1, 1]));
        h.Fails(DiagnosticCodes.MilBadShape, "max_pool", Pool(h.F32(5), [2], [1], "valid"));
        h.Fails(DiagnosticCodes.MilBadShape, "max_pool", Pool(h.F32(), [2], [1], "valid"));
        h.Fails(DiagnosticCodes.MilTypeMismatch, "avg_pool", Pool(x, [2, 2], [1, 1], "reflect"));
        h.Fails(DiagnosticCodes.MilMalformed, "max_pool", new() { { "x", x }, { "kernel_sizes", new[] { 2, 2 } } });
        h.Fails(DiagnosticCodes.MilNotConstant, "max_pool", new() { { "x", x }, { "kernel_sizes", h.I32(2) }, { "pad_type", "valid" } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "max_pool", Pool(h.I32(1, 1, 4, 4), [2, 2], [1, 1], "valid"));
    }
}
