using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Image;

/// <summary>
/// <c>resample</c> in float: each output (b, c, h, w) samples x[b, c] at coordinates[b, h, w] = (w, h) after
/// unnormalizing (align_corners puts ±1 / 0..1 on the corner pixel centres, else on their outer edges). Padding:
/// constant (out-of-range taps read padding_value), border (coordinates clamped), reflection (coordinates reflected
/// about the pixel centres of the edges with align_corners, else about the image edges) and symmetric (reflected
/// about the image edges), then clamped. Nearest rounds half to even.
/// </summary>
internal sealed class ResampleKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["resample"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var xt = context.Input("x");
        var ct = context.Input("coordinates");
        var (xs, cs) = (xt.ShapeArray(), ct.ShapeArray());
        var (batch, channels, h, w) = (xs[0], xs[1], xs[2], xs[3]);
        var (oh, ow) = (cs[1], cs[2]);
        var nearest = context.String("sampling_mode", "bilinear") == "nearest";
        var padding = context.String("padding_mode", "constant");
        var fill = context.Float("padding_value", 0);
        var mode = context.String("coordinates_mode", "unnormalized");
        var alignCorners = context.Bool("align_corners", false);
        var x = xt.AsFloats();
        var coords = ct.AsFloats();
        var result = new float[batch * channels * oh * ow];
        WorkSplitter.For(batch, (long)batch * channels * oh * ow * 4, b =>
        {
            for (var p = 0; p < oh * ow; p++)
            {
                var u = Position(coords[(((b * oh * ow) + p) * 2) + 0], w, mode, alignCorners, padding);
                var v = Position(coords[(((b * oh * ow) + p) * 2) + 1], h, mode, alignCorners, padding);
                for (var c = 0; c < channels; c++)
                {
                    var plane = x.AsSpan(((b * channels) + c) * h * w, h * w);
                    result[(((b * channels) + c) * oh * ow) + p] = nearest
                        ? Tap(plane, h, w, (int)MathF.Round(v, MidpointRounding.ToEven), (int)MathF.Round(u, MidpointRounding.ToEven), fill)
                        : Bilinear(plane, h, w, v, u, fill);
                }
            }
        });
        return [context.Output(result, [batch, channels, oh, ow])];
    }

    private static float Bilinear(ReadOnlySpan<float> plane, int h, int w, float v, float u, float fill)
    {
        var (v0, u0) = ((int)MathF.Floor(v), (int)MathF.Floor(u));
        var (fv, fu) = (v - v0, u - u0);
        return ((1 - fv) * (((1 - fu) * Tap(plane, h, w, v0, u0, fill)) + (fu * Tap(plane, h, w, v0, u0 + 1, fill))))
            + (fv * (((1 - fu) * Tap(plane, h, w, v0 + 1, u0, fill)) + (fu * Tap(plane, h, w, v0 + 1, u0 + 1, fill))));
    }

    private static float Tap(ReadOnlySpan<float> plane, int h, int w, int r, int c, float fill) =>
        (uint)r < (uint)h && (uint)c < (uint)w ? plane[(r * w) + c] : fill;

    /// <summary>The pixel coordinate of one normalized or unnormalized coordinate, with border/reflection applied.</summary>
    private static float Position(float coordinate, int size, string mode, bool alignCorners, string padding)
    {
        var p = mode switch
        {
            "normalized_minus_one_to_one" => alignCorners ? (coordinate + 1) / 2 * (size - 1) : (((coordinate + 1) * size) - 1) / 2,
            "normalized_zero_to_one" => alignCorners ? coordinate * (size - 1) : (coordinate * size) - 0.5f,
            _ => coordinate,
        };
        return padding switch
        {
            "border" => Math.Clamp(p, 0, size - 1),
            "reflection" => Math.Clamp(alignCorners ? Reflect(p, 0, size - 1) : Reflect(p, -0.5f, size - 0.5f), 0, size - 1),
            "symmetric" => Math.Clamp(Reflect(p, -0.5f, size - 0.5f), 0, size - 1),
            _ => p,
        };
    }

    /// <summary>Reflects p into [lo, hi] (mirror at both ends, repeatedly).</summary>
    private static float Reflect(float p, float lo, float hi)
    {
        var span = hi - lo;
        if (span <= 0)
        {
            return 0;
        }
        var d = MathF.Abs(p - lo);
        var flips = (int)MathF.Floor(d / span);
        var extra = d - (flips * span);
        return flips % 2 == 0 ? lo + extra : hi - extra;
    }
}
