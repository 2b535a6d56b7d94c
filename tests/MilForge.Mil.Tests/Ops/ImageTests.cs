using MilForge.Diagnostics;
using MilForge.Mil.Building;

namespace MilForge.Mil.Tests.Ops;

/// <summary>Typing of conv_transpose, crop and the upsample/resize ops.</summary>
public class ImageTests
{
    private static OpArgs ConvTranspose(Value x, int[] weight, string padType = "valid", int[]? strides = null, int[]? pad = null,
        int[]? dilations = null, int groups = 1, int[]? outputShape = null)
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
        if (outputShape is not null)
        {
            args.Add("output_shape", outputShape);
        }
        return args;
    }

    [Theory]
    [InlineData("valid", new[] { 1, 1 }, null, "fp32[1, 6, 10, 10]")]
    [InlineData("valid", new[] { 2, 3 }, null, "fp32[1, 6, 17, 24]")]
    [InlineData("custom", new[] { 2, 2 }, new[] { 1, 1, 0, 2 }, "fp32[1, 6, 15, 15]")]
    [InlineData("same", new[] { 2, 2 }, null, "fp32[1, 6, 16, 16]")]
    [InlineData("same", new[] { 1, 1 }, null, "fp32[1, 6, 8, 8]")]
    public void ConvTransposeOutputSizes(string padType, int[] strides, int[]? pad, string expected)
    {
        var h = new MilHarness();
        Assert.Equal(expected, h.Type("conv_transpose", ConvTranspose(h.F32(1, 4, 8, 8), [4, 3, 3, 3], padType, strides, pad, groups: 2)));
    }

    [Fact]
    public void ConvTransposeOutputShapeDilationsRanksAndDefaults()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[1, 6, 17, 17]", h.Type("conv_transpose", ConvTranspose(h.F32(1, 4, 8, 8), [4, 3, 3, 3], "custom", [2, 2], [0, 0, 0, 0], groups: 2, outputShape: [1, 6, 17, 17])));
        Assert.Equal("fp32[1, 3, 12]", h.Type("conv_transpose", ConvTranspose(h.F32(1, 2, 8), [2, 3, 3], dilations: [2])));
        Assert.Equal("fp16[2, 1, 3, 4, 5]", h.Type("conv_transpose", new() { { "x", h.F16(2, 2, 2, 3, 4) }, { "weight", Tensor.Zeros(DataType.Float16, [2, 1, 2, 2, 2]) } }));
        var op = h.Builder.Single("conv_transpose", new() { { "x", h.F32(1, 2, 5) }, { "weight", Tensor.Zeros(DataType.Float32, [2, 3, 2]) } }).Producer!;
        Assert.Equal(["x", "weight", "pad", "pad_type", "strides", "dilations", "groups"], op.Inputs.Keys);
        var symbolic = h.Builder.Single("conv_transpose", ConvTranspose(h.F32("n", 4, "h", 8), [4, 2, 3, 3]));
        Assert.Equal(Dim.Of("n"), symbolic.Shape[0]);
        Assert.False(symbolic.Shape[2].IsKnown);
        Assert.Equal(Dim.Of(10), symbolic.Shape[3]);
    }

    [Fact]
    public void ConvTransposeErrors()
    {
        var h = new MilHarness();
        var x = h.F32(1, 4, 8, 8);
        h.Fails(DiagnosticCodes.MilBadShape, "conv_transpose", ConvTranspose(x, [3, 2, 3, 3]));
        h.Fails(DiagnosticCodes.MilBadShape, "conv_transpose", ConvTranspose(x, [4, 2, 3, 3], groups: 3));
        h.Fails(DiagnosticCodes.MilBadShape, "conv_transpose", ConvTranspose(x, [4, 2, 3], groups: 1));
        h.Fails(DiagnosticCodes.MilBadShape, "conv_transpose", ConvTranspose(x, [4, 2, 3, 3], "custom", pad: [5, 5, 0, 0]));
        h.Fails(DiagnosticCodes.MilBadShape, "conv_transpose", ConvTranspose(x, [4, 2, 3, 3], outputShape: [1, 3, 10, 10]));
        h.Fails(DiagnosticCodes.MilTypeMismatch, "conv_transpose", ConvTranspose(x, [4, 2, 3, 3], "same_lower"));
        h.Fails(DiagnosticCodes.MilBadShape, "conv_transpose", ConvTranspose(h.F32(1, 4), [4, 2]));
    }

    [Fact]
    public void CropTypes()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[1, 6, 16, 15]", h.Type("crop", new() { { "x", h.F32(1, 6, 17, 17) }, { "crop_height", new[] { 1, 0 } }, { "crop_width", new[] { 1, 1 } } }));
        Assert.Equal("fp16[3, 0, 2]", h.Type("crop", new() { { "x", h.F16(3, 2, 4) }, { "crop_height", new[] { 1, 1 } }, { "crop_width", new[] { 0, 2 } } }));
        h.Fails(DiagnosticCodes.MilBadShape, "crop", new() { { "x", h.F32(1, 4, 4) }, { "crop_height", new[] { 3, 2 } }, { "crop_width", new[] { 0, 0 } } });
        h.Fails(DiagnosticCodes.MilBadShape, "crop", new() { { "x", h.F32(4, 4) }, { "crop_height", new[] { 0, 0 } }, { "crop_width", new[] { 0, 0 } } });
        h.Fails(DiagnosticCodes.MilBadShape, "crop", new() { { "x", h.F32(1, 4, 4) }, { "crop_height", new[] { 0 } }, { "crop_width", new[] { 0, 0 } } });
    }

    [Fact]
    public void UpsampleTypes()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[1, 3, 12, 20]", h.Type("upsample_bilinear", new() { { "x", h.F32(1, 3, 8, 8) }, { "scale_factor_height", 1.5000125f }, { "scale_factor_width", 2.5000124f }, { "align_corners", false } }));
        Assert.Equal("fp32[2, 8, 6]", h.Type("upsample_nearest_neighbor", new() { { "x", h.F32(2, 4, 3) }, { "scale_factor_height", 2 }, { "scale_factor_width", 2 } }));
        Assert.Equal("fp16[1, 2, 4, 9]", h.Type("upsample_nearest_neighbor", new() { { "x", h.F16(1, 2, 4, 3) }, { "scale_factor_width", 3f } }));
        Assert.Equal("fp32[1, 1, 4, 4]", h.Type("upsample_bilinear", new() { { "x", h.F32(1, 1, 2, 2) }, { "scale_factor_height", 2f }, { "scale_factor_width", 2f }, { "half_pixel_centers", false }, { "align_corners", false } }));
        h.Fails(DiagnosticCodes.MilTypeMismatch, "upsample_bilinear", new() { { "x", h.F32(1, 1, 2, 2) }, { "half_pixel_centers", true }, { "align_corners", true } });
        h.Fails(DiagnosticCodes.MilBadShape, "upsample_bilinear", new() { { "x", h.F32(2, 2) }, { "scale_factor_height", 2f }, { "scale_factor_width", 2f } });
        h.Fails(DiagnosticCodes.MilBadShape, "upsample_nearest_neighbor", new() { { "x", h.F32(1, 2, 2) }, { "scale_factor_height", 0.1f }, { "scale_factor_width", 2f } });
        var ios15 = new MilHarness(DeploymentTarget.iOS15);
        Assert.ThrowsAny<Exception>(() => ios15.Builder.Single("upsample_bilinear", new() { { "x", ios15.F32(1, 1, 2, 2) }, { "half_pixel_centers", false } }));
    }

    [Fact]
    public void ResizeTypes()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[1, 3, 5, 7]", h.Type("resize_bilinear", new() { { "x", h.F32(1, 3, 8, 8) }, { "target_size_height", 5 }, { "target_size_width", 7 }, { "sampling_mode", "OFFSET_CORNERS" } }));
        Assert.Equal("fp16[2, 3, 1, 1]", h.Type("resize_bilinear", new() { { "x", h.F16(2, 3, 8, 8) } }));
        Assert.Equal("fp32[4, 9, 2]", h.Type("resize_nearest_neighbor", new() { { "x", h.F32(4, 3, 3) }, { "target_size_height", 9 }, { "target_size_width", 2 } }));
        h.Fails(DiagnosticCodes.MilTypeMismatch, "resize_bilinear", new() { { "x", h.F32(1, 3, 8, 8) }, { "sampling_mode", "HALF_PIXEL" } });
        h.Fails(DiagnosticCodes.MilBadShape, "resize_nearest_neighbor", new() { { "x", h.F32(1, 3, 8, 8) }, { "target_size_height", 0 }, { "target_size_width", 2 } });
    }

    [Fact]
    public void ResampleTypes()
    {
        var h = new MilHarness();
        OpArgs Args(Value x, Value coordinates, string padding = "constant") => new()
        {
            { "x", x }, { "coordinates", coordinates }, { "sampling_mode", "bilinear" }, { "padding_mode", padding }, { "padding_value", 0f },
            { "coordinates_mode", "normalized_minus_one_to_one" }, { "align_corners", false },
        };
        Assert.Equal("fp32[2, 3, 5, 7]", h.Type("resample", Args(h.F32(2, 3, 4, 4), h.F32(2, 5, 7, 2))));
        h.Fails(DiagnosticCodes.MilBadShape, "resample", Args(h.F32(2, 3, 4, 4), h.F32(1, 5, 7, 2)));
        h.Fails(DiagnosticCodes.MilBadShape, "resample", Args(h.F32(2, 3, 4, 4), h.F32(2, 5, 7, 3)));
        h.Fails(DiagnosticCodes.MilBadShape, "resample", Args(h.F32(3, 4, 4), h.F32(3, 5, 7, 2)));
        h.Fails(DiagnosticCodes.MilTypeMismatch, "resample", Args(h.F32(2, 3, 4, 4), h.F32(2, 5, 7, 2), "zeros"));
    }
}
