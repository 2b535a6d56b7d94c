using MilForge.Diagnostics;
using MilForge.Mil.Building;

namespace MilForge.Mil.Tests.Ops;

public class ConvTests
{
    private static OpArgs Conv(MilHarness h, Value x, int[] weight, string padType = "valid", int[]? strides = null,
        int[]? pad = null, int[]? dilations = null, int groups = 1)
    {
        var args = new OpArgs { { "x", x }, { "weight", Tensor.Zeros(DataType.Float32, weight) }, { "pad_type", padType }, { "groups", groups } };
        if (strides is not null)
        {
            args.Add("strides", strides);
        }
        if (pad is not null)
        {
            args.Add("pad", pad);
        }
        if (dilations is not null)
        {
            args.Add("dilations", dilations);
        }
        return args;
    }

    [Theory]
    [InlineData("valid", new[] { 1, 1 }, null, "fp32[1, 4, 8, 8]")]
    [InlineData("valid", new[] { 2, 2 }, null, "fp32[1, 4, 4, 4]")]
    [InlineData("valid", new[] { 3, 1 }, null, "fp32[1, 4, 3, 8]")]
    [InlineData("custom", new[] { 1, 1 }, new[] { 1, 1, 1, 1 }, "fp32[1, 4, 10, 10]")]
    [InlineData("custom", new[] { 1, 1 }, new[] { 0, 1, 2, 3 }, "fp32[1, 4, 9, 13]")]
    [InlineData("custom", new[] { 2, 2 }, new[] { 1, 1, 1, 1 }, "fp32[1, 4, 5, 5]")]
    [InlineData("same", new[] { 1, 1 }, null, "fp32[1, 4, 10, 10]")]
    [InlineData("same", new[] { 2, 2 }, null, "fp32[1, 4, 5, 5]")]
    [InlineData("same", new[] { 3, 4 }, null, "fp32[1, 4, 4, 3]")]
    [InlineData("same_lower", new[] { 3, 4 }, null, "fp32[1, 4, 4, 3]")]
    [InlineData("same_lower", new[] { 1, 1 }, null, "fp32[1, 4, 10, 10]")]
    public void Conv2dOutputSizes(string padType, int[] strides, int[]? pad, string expected)
    {
        var h = new MilHarness();
        Assert.Equal(expected, h.Type("conv", Conv(h, h.F32(1, 3, 10, 10), [4, 3, 3, 3], padType, strides, pad)));
    }

    [Fact]
    public void DilationGroupsAndOtherRanks()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[1, 4, 6, 6]", h.Type("conv", Conv(h, h.F32(1, 3, 10, 10), [4, 3, 3, 3], dilations: [2, 2])));
        Assert.Equal("fp32[1, 4, 10, 10]", h.Type("conv", Conv(h, h.F32(1, 3, 10, 10), [4, 3, 3, 3], "same", dilations: [2, 2])));
        Assert.Equal("fp32[2, 6, 6, 6]", h.Type("conv", Conv(h, h.F32(2, 4, 8, 8), [6, 2, 3, 3], groups: 2)));
        Assert.Equal("fp32[2, 5, 6]", h.Type("conv", Conv(h, h.F32(2, 3, 7), [5, 3, 2])));
        Assert.Equal("fp32[1, 2, 3, 2, 1]", h.Type("conv", Conv(h, h.F32(1, 1, 4, 4, 4), [2, 1, 2, 3, 4])));
        var symbolic = h.Builder.Single("conv", Conv(h, h.F32("n", 3, "h", 10), [4, 3, 3, 3]));
        Assert.Equal(Dim.Of("n"), symbolic.Shape[0]);
        Assert.False(symbolic.Shape[2].IsKnown);
        Assert.Equal(Dim.Of(8), symbolic.Shape[3]);
    }

    [Fact]
    public void DefaultsAreWrittenOutAndBiasStaysAbsent()
    {
        var h = new MilHarness();
        var y = h.Builder.Single("conv", new() { { "x", h.F32(1, 3, 5, 5) }, { "weight", Tensor.Zeros(DataType.Float32, [2, 3, 1, 1]) } });
        var op = y.Producer!;
        Assert.Equal(["x", "weight", "strides", "pad_type", "pad", "dilations", "groups"], op.Inputs.Keys);
        Assert.Equal([1, 1], op.Input("strides")!.ConstantValue!.AsInts());
        Assert.Equal("valid", op.Input("pad_type")!.ConstantValue!.Storage<string>()[0]);
        Assert.Equal([0, 0, 0, 0], op.Input("pad")!.ConstantValue!.AsInts());
        Assert.Equal([1, 1], op.Input("dilations")!.ConstantValue!.AsInts());
        Assert.Equal(1, op.Input("groups")!.ConstantValue!.GetLong(0));
    }

    [Fact]
    public void ConvErrors()
    {
        var h = new MilHarness();
        var x = h.F32(1, 4, 8, 8);
        h.Fails(DiagnosticCodes.MilBadShape, "conv", Conv(h, x, [6, 4, 3, 3], groups: 2));
        h.Fails(DiagnosticCodes.MilBadShape, "conv", Conv(h, x, [6, 1, 3, 3], groups: 4));
        h.Fails(DiagnosticCodes.MilBadShape, "conv", Conv(h, x, [6, 4, 3, 3], groups: 0));
        h.Fails(DiagnosticCodes.MilBadShape, "conv", Conv(h, x, [6, 4, 3]));
        h.Fails(DiagnosticCodes.MilBadShape, "conv", Conv(h, x, [6, 4, 9, 9]));
        h.Fails(DiagnosticCodes.MilBadShape, "conv", Conv(h, x, [6, 4, 3, 3], strides: [1]));
        h.Fails(DiagnosticCodes.MilBadShape, "conv", Conv(h, x, [6, 4, 3, 3], strides: [0, 1]));
        h.Fails(DiagnosticCodes.MilBadShape, "conv", Conv(h, x, [6, 4, 3, 3], "custom", pad: [1, 1]));
        h.Fails(DiagnosticCodes.MilBadShape, "conv", Conv(h, h.F32(4, 8), [6, 4]));
        h.Fails(DiagnosticCodes.MilTypeMismatch, "conv", Conv(h, x, [6, 4, 3, 3], "full"));
        h.Fails(DiagnosticCodes.MilTypeMismatch, "conv", Conv(h, h.F16(1, 4, 8, 8), [6, 4, 3, 3]));
        var bias = Conv(h, x, [6, 4, 3, 3]);
        bias.Add("bias", new float[5]);
        h.Fails(DiagnosticCodes.MilBadShape, "conv", bias);
        var strides = Conv(h, x, [6, 4, 3, 3]);
        strides.Add("strides", h.I32(2));
        h.Fails(DiagnosticCodes.MilNotConstant, "conv", strides);
    }
}
