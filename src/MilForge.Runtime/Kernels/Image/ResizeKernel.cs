using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Image;

/// <summary>
/// <c>upsample_bilinear</c>, <c>upsample_nearest_neighbor</c>, <c>resize_bilinear</c> and
/// <c>resize_nearest_neighbor</c>: separable sampling of the last two dims. Each output row and column gets its
/// source positions (<see cref="ResizeGrid"/>), then every plane is interpolated in float.
/// </summary>
internal sealed class ResizeKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["upsample_bilinear", "upsample_nearest_neighbor", "resize_bilinear", "resize_nearest_neighbor"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var x = context.Input("x");
        var shape = x.ShapeArray();
        var (h, w) = (shape[^2], shape[^1]);
        var (oh, ow) = OutputSize(context, h, w);
        var (rows, cols) = context.Op.Type switch
        {
            "upsample_bilinear" => (UpsampleBilinear(context, h, oh), UpsampleBilinear(context, w, ow)),
            "resize_bilinear" => (ResizeGrid.Linear(h, oh, ResizeGrid.SamplingMode(context.String("sampling_mode", "DEFAULT"), h, oh)),
                ResizeGrid.Linear(w, ow, ResizeGrid.SamplingMode(context.String("sampling_mode", "DEFAULT"), w, ow))),
            "upsample_nearest_neighbor" => (ResizeGrid.Nearest(h, oh, i => Math.Floor(i / Scale(context, "scale_factor_height"))),
                ResizeGrid.Nearest(w, ow, i => Math.Floor(i / Scale(context, "scale_factor_width")))),
            _ => (ResizeGrid.Nearest(h, oh, i => Math.Floor(i * (double)h / oh)), ResizeGrid.Nearest(w, ow, i => Math.Floor(i * (double)w / ow))),
        };
        var outer = Broadcasting.Product(shape.AsSpan(0, shape.Length - 2));
        var result = Interpolate(x.AsFloats(), outer, h, w, rows, cols);
        int[] outShape = [.. shape[..^2], oh, ow];
        return [context.Output(result, outShape)];
    }

    private static (int, int) OutputSize(KernelContext context, int h, int w) => context.Op.Type.StartsWith("upsample", StringComparison.Ordinal)
        ? ((int)Math.Floor(h * Scale(context, "scale_factor_height")), (int)Math.Floor(w * Scale(context, "scale_factor_width")))
        : (context.Int("target_size_height", 1), context.Int("target_size_width", 1));

    private static double Scale(KernelContext context, string name) => (float)context.Float(name, 1);

    private static ResizeGrid.Tap[] UpsampleBilinear(KernelContext context, int inSize, int outSize)
    {
        var alignCorners = context.Bool("align_corners", true);
        var halfPixel = context.Bool("half_pixel_centers", !alignCorners);
        double ratio = (double)inSize / outSize;
        Func<int, double> coordinate = alignCorners
            ? i => outSize > 1 ? i * (double)(inSize - 1) / (outSize - 1) : 0
            : halfPixel ? i => ((i + 0.5) * ratio) - 0.5 : i => i * ratio;
        return ResizeGrid.Linear(inSize, outSize, coordinate);
    }

    private static float[] Interpolate(float[] x, int outer, int h, int w, ResizeGrid.Tap[] rows, ResizeGrid.Tap[] cols)
    {
        var (oh, ow) = (rows.Length, cols.Length);
        var result = new float[outer * oh * ow];
        WorkSplitter.For(outer, (long)outer * oh * ow * 4, o =>
        {
            var plane = x.AsSpan(o * h * w, h * w);
            var output = result.AsSpan(o * oh * ow, oh * ow);
            for (var r = 0; r < oh; r++)
            {
                var t = rows[r];
                var r0 = plane.Slice(t.I0 * w, w);
                var r1 = plane.Slice(t.I1 * w, w);
                var line = output.Slice(r * ow, ow);
                for (var c = 0; c < ow; c++)
                {
                    var u = cols[c];
                    line[c] = t.Single && u.Single ? r0[u.I0]
                        : t.Single ? (u.W0 * r0[u.I0]) + (u.W1 * r0[u.I1])
                        : u.Single ? (t.W0 * r0[u.I0]) + (t.W1 * r1[u.I0])
                        : (t.W0 * ((u.W0 * r0[u.I0]) + (u.W1 * r0[u.I1]))) + (t.W1 * ((u.W0 * r1[u.I0]) + (u.W1 * r1[u.I1])));
                }
            }
        });
        return result;
    }
}

/// <summary>Source positions of a 1-D resize: per output index, one source index or two with linear weights.</summary>
internal static class ResizeGrid
{
    /// <summary>Output element = W0·x[I0] + W1·x[I1], or x[I0] alone when <see cref="Single"/>.</summary>
    internal readonly record struct Tap(int I0, int I1, float W0, float W1, bool Single);

    /// <summary>Linear taps at the given source coordinates, clamped into [0, inSize − 1].</summary>
    public static Tap[] Linear(int inSize, int outSize, Func<int, double> coordinate)
    {
        var taps = new Tap[outSize];
        for (var i = 0; i < outSize; i++)
        {
            var p = Math.Clamp(coordinate(i), 0, inSize - 1);
            var i0 = (int)Math.Floor(p);
            var f = p - i0;
            taps[i] = f == 0 || i0 + 1 >= inSize ? new Tap(i0, i0, 1, 0, true) : new Tap(i0, i0 + 1, (float)(1 - f), (float)f, false);
        }
        return taps;
    }

    /// <summary>Nearest taps at the given source indices, clamped into [0, inSize − 1].</summary>
    public static Tap[] Nearest(int inSize, int outSize, Func<int, double> index)
    {
        var taps = new Tap[outSize];
        for (var i = 0; i < outSize; i++)
        {
            var k = (int)Math.Clamp(index(i), 0, inSize - 1);
            taps[i] = new Tap(k, k, 1, 0, true);
        }
        return taps;
    }

    /// <summary>The source coordinate of <c>resize_bilinear</c>'s sampling modes.</summary>
    public static Func<int, double> SamplingMode(string mode, int inSize, int outSize)
    {
        var ratio = (double)inSize / outSize;
        return mode switch
        {
            "STRICT_ALIGN_CORNERS" => i => outSize > 1 ? i * (double)(inSize - 1) / (outSize - 1) : 0,
            "ALIGN_CORNERS" => i => outSize > 1 ? i * (double)(inSize - 1) / (outSize - 1) : (inSize - 1) / 2.0,
            "OFFSET_CORNERS" => i => (Math.Max(1, inSize - 1) / (double)outSize) * (i + 0.5),
            "UNALIGN_CORNERS" => i => ((i + 0.5) * ratio) - 0.5,
            _ => i => i * ratio,
        };
    }
}
