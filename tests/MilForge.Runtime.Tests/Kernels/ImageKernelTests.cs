using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests.Kernels;

/// <summary>crop and the upsample/resize ops against binary64 references written from the ops' documented grids.</summary>
public class ImageKernelTests
{
    [Fact]
    public void CropKeepsTheInnerRectangle()
    {
        var x = TestTensors.Uniform(1, [2, 3, 5, 4]);
        var y = KernelHarness.Op("crop", new() { { "x", x }, { "crop_height", new[] { 1, 2 } }, { "crop_width", new[] { 0, 1 } } });
        int[] shape = [2, 3, 2, 3];
        var map = Reference.Indices(shape).Select(o => Reference.Flat([2, 3, 5, 4], [o[0], o[1], o[2] + 1, o[3]])).ToList();
        Reference.AssertGathered(x, shape, map, y);
    }

    /// <summary>1-D linear interpolation at source coordinate p (clamped into the input).</summary>
    private static double Lerp(Func<int, double> row, int size, double p)
    {
        p = Math.Clamp(p, 0, size - 1);
        var i0 = (int)Math.Floor(p);
        var i1 = Math.Min(i0 + 1, size - 1);
        return (row(i0) * (1 - (p - i0))) + (row(i1) * (p - i0));
    }

    private static double[] Bilinear(Tensor x, int oh, int ow, Func<int, int, int, double> coordinate)
    {
        var s = x.ShapeArray();
        var (h, w) = (s[^2], s[^1]);
        var v = x.AsDoubles();
        var outer = s.Length == 3 ? s[0] : s[0] * s[1];
        var result = new List<double>();
        for (var o = 0; o < outer; o++)
        {
            for (var r = 0; r < oh; r++)
            {
                for (var c = 0; c < ow; c++)
                {
                    var (pr, pc) = (coordinate(r, h, oh), coordinate(c, w, ow));
                    result.Add(Lerp(rr => Lerp(cc => v[(((o * h) + rr) * w) + cc], w, pc), h, pr));
                }
            }
        }
        return [.. result];
    }

    [Theory]
    [InlineData(false, null, 2f, 2f)]
    [InlineData(true, null, 2f, 3f)]
    [InlineData(false, false, 2f, 2f)]
    [InlineData(false, null, 1.5000125f, 2.5000124f)]
    [InlineData(false, null, 0.5f, 0.75f)]
    public void UpsampleBilinearGrids(bool alignCorners, bool? halfPixelCenters, float sh, float sw)
    {
        var x = TestTensors.Uniform(2, [1, 2, 8, 8]);
        var (oh, ow) = ((int)Math.Floor(8 * sh), (int)Math.Floor(8 * sw));
        var halfPixel = halfPixelCenters ?? !alignCorners;
        var expected = Bilinear(x, oh, ow, (i, n, m) => alignCorners ? (m > 1 ? i * (n - 1.0) / (m - 1) : 0)
            : halfPixel ? ((i + 0.5) * n / m) - 0.5 : i * (double)n / m);
        var args = new OpArgs { { "x", x }, { "scale_factor_height", sh }, { "scale_factor_width", sw }, { "align_corners", alignCorners } };
        if (halfPixelCenters is { } hp)
        {
            args.Add("half_pixel_centers", hp);
        }
        Reference.AssertClose([1, 2, oh, ow], expected, KernelHarness.Op("upsample_bilinear", args));
    }

    [Theory]
    [InlineData("STRICT_ALIGN_CORNERS", 5, 6)]
    [InlineData("ALIGN_CORNERS", 1, 5)]
    [InlineData("DEFAULT", 5, 6)]
    [InlineData("OFFSET_CORNERS", 5, 3)]
    [InlineData("UNALIGN_CORNERS", 6, 2)]
    public void ResizeBilinearSamplingModes(string mode, int oh, int ow)
    {
        var x = TestTensors.Uniform(3, [2, 4, 3]);
        var expected = Bilinear(x, oh, ow, (i, n, m) => mode switch
        {
            "STRICT_ALIGN_CORNERS" => m == 1 ? 0 : i * (n - 1.0) / (m - 1),
            "ALIGN_CORNERS" => m == 1 ? (n - 1) / 2.0 : i * (n - 1.0) / (m - 1),
            "DEFAULT" => m == 1 ? 0 : i * (n - ((double)n / m)) / (m - 1),
            "OFFSET_CORNERS" => (0.5 * Math.Max(1, n - 1) / m) + (i * Math.Max(1, n - 1) / (double)m),
            _ => ((i + 0.5) * n / m) - 0.5,
        });
        var y = KernelHarness.Op("resize_bilinear", new() { { "x", x }, { "target_size_height", oh }, { "target_size_width", ow }, { "sampling_mode", mode } });
        Reference.AssertClose([2, oh, ow], expected, y);
    }

    [Fact]
    public void DocumentedGridPointsOfTwoInputs()
    {
        // coremltools' documented grids for Xin = 2 (values 0 and 1, so the output is the grid point itself).
        var x = Tensor.FromDoubles([0, 1], [1, 1, 2], DataType.Float32);
        double[] Grid(string mode, int m) => KernelHarness.Op("resize_bilinear", new() { { "x", x }, { "target_size_height", 1 }, { "target_size_width", m }, { "sampling_mode", mode } }).AsDoubles();
        Reference.AssertClose([5], [0, 0.4, 0.8, 1, 1], Tensor.FromDoubles(Grid("DEFAULT", 5), [5], DataType.Float32), 1e-6);
        Reference.AssertClose([5], [0.1, 0.3, 0.5, 0.7, 0.9], Tensor.FromDoubles(Grid("OFFSET_CORNERS", 5), [5], DataType.Float32), 1e-6);
        Reference.AssertClose([5], [0, 0.1, 0.5, 0.9, 1], Tensor.FromDoubles(Grid("UNALIGN_CORNERS", 5), [5], DataType.Float32), 1e-6);
        Reference.AssertClose([5], [0, 0.25, 0.5, 0.75, 1], Tensor.FromDoubles(Grid("ALIGN_CORNERS", 5), [5], DataType.Float32), 1e-6);
    }

    [Fact]
    public void NearestNeighbourIndices()
    {
        var x = TestTensors.Uniform(4, [1, 3, 3, 4]);
        var up = KernelHarness.Op("upsample_nearest_neighbor", new() { { "x", x }, { "scale_factor_height", 2 }, { "scale_factor_width", 3 } });
        Reference.AssertGathered(x, [1, 3, 6, 12], [.. Reference.Indices([1, 3, 6, 12]).Select(o => Reference.Flat([1, 3, 3, 4], [0, o[1], o[2] / 2, o[3] / 3]))], up);
        var resized = KernelHarness.Op("resize_nearest_neighbor", new() { { "x", x }, { "target_size_height", 2 }, { "target_size_width", 6 } });
        Reference.AssertGathered(x, [1, 3, 2, 6], [.. Reference.Indices([1, 3, 2, 6]).Select(o => Reference.Flat([1, 3, 3, 4], [0, o[1], o[2] * 3 / 2, o[3] * 4 / 6]))], resized);
    }

    [Fact]
    public void Fp16OutputsAreRounded()
    {
        var x = TestTensors.Uniform(5, [1, 1, 3, 3]).CastTo(DataType.Float16);
        var y = KernelHarness.Op("upsample_bilinear", new() { { "x", x }, { "scale_factor_height", 2f }, { "scale_factor_width", 2f }, { "align_corners", false } });
        Assert.Equal(DataType.Float16, y.DataType);
        var expected = Bilinear(x, 6, 6, (i, n, m) => ((i + 0.5) * n / m) - 0.5);
        Reference.AssertClose([1, 1, 6, 6], [.. expected.Select(v => (double)(Half)v)], y, 1e-3, 1e-3);
    }

    [Theory]
    [InlineData("constant", false)]
    [InlineData("border", true)]
    [InlineData("reflection", false)]
    [InlineData("reflection", true)]
    public void ResampleMatchesTheDefinition(string padding, bool alignCorners)
    {
        var x = TestTensors.Uniform(6, [1, 1, 3, 4]);
        var coords = TestTensors.Uniform(7, [1, 2, 5, 2], -1.6f, 1.6f);
        var y = KernelHarness.Op("resample", new()
        {
            { "x", x }, { "coordinates", coords }, { "sampling_mode", "bilinear" }, { "padding_mode", padding }, { "padding_value", 0.25f },
            { "coordinates_mode", "normalized_minus_one_to_one" }, { "align_corners", alignCorners },
        });
        var (xv, cv) = (x.AsDoubles(), coords.AsDoubles());
        double Unnormalize(double g, int n)
        {
            var p = alignCorners ? (g + 1) / 2 * (n - 1) : (((g + 1) * n) - 1) / 2;
            if (padding == "border")
            {
                return Math.Clamp(p, 0, n - 1);
            }
            if (padding != "reflection")
            {
                return p;
            }
            // Reflect about the edge pixel centres (align_corners) or the image edges, one bounce suffices for |g| < 2.
            var (lo, hi) = alignCorners ? (0.0, n - 1.0) : (-0.5, n - 0.5);
            p = p < lo ? lo + (lo - p) : p > hi ? hi - (p - hi) : p;
            return Math.Clamp(p, 0, n - 1);
        }
        double At(int r, int c) => r >= 0 && r < 3 && c >= 0 && c < 4 ? xv[(r * 4) + c] : 0.25;
        var expected = new double[10];
        for (var i = 0; i < 10; i++)
        {
            var (u, v) = (Unnormalize(cv[2 * i], 4), Unnormalize(cv[(2 * i) + 1], 3));
            var (r0, c0) = ((int)Math.Floor(v), (int)Math.Floor(u));
            var (fr, fc) = (v - r0, u - c0);
            expected[i] = ((1 - fr) * (((1 - fc) * At(r0, c0)) + (fc * At(r0, c0 + 1)))) + (fr * (((1 - fc) * At(r0 + 1, c0)) + (fc * At(r0 + 1, c0 + 1))));
        }
        Reference.AssertClose([1, 1, 2, 5], expected, y);
    }
}
