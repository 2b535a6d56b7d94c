using MilForge.Numerics;

namespace MilForge.Precision.Static;

/// <summary>
/// Ops that move, pick or interpolate values without making new ones (bounds pass through, or are unions of their
/// sources), casts, (de)quantization, and ops that make values from their parameters (fill, range_1d, one_hot, shape).
/// </summary>
internal static class DataMovementTransfers
{
    private static readonly string[] PassThrough =
    [
        "identity", "reshape", "transpose", "squeeze", "expand_dims", "flatten2d", "slice_by_index", "slice_by_size", "tile",
        "pixel_shuffle", "pixel_unshuffle", "gather", "gather_along_axis", "gather_nd", "crop", "resize_nearest_neighbor",
        "upsample_nearest_neighbor", "reverse", "space_to_depth", "depth_to_space", "sliding_windows", "batch_to_space",
        "reshape_like",
    ];

    /// <summary>Bilinear interpolation makes convex combinations of its inputs (non-negative weights summing to 1).</summary>
    private static readonly string[] Convex = ["resize_bilinear", "upsample_bilinear"];

    public static void Register(TransferTable table)
    {
        foreach (var op in PassThrough.Concat(Convex))
        {
            table.Unary(op, x => x);
        }
        // crop_resize samples outside the image read pad_value (0 before iOS16); space_to_batch pads with zeros.
        table.Add("crop_resize", c => [c.Input("x").Union(c.Has("pad_value") ? c.Input("pad_value") : Interval.Point(0))]);
        table.Add("space_to_batch", c => [c.Input("x").Union(Interval.Point(0))]);
        table.Add("slice_update", c => [c.Input("x").Union(c.Input("update"))]);
        table.Add("fill_like", c => [c.Has("value") ? c.Input("value") : Interval.Point(0)]);
        table.Add("concat", c => [Union(c.Tuple("values"))]);
        table.Add("stack", c => [Union(c.Tuple("values"))]);
        table.Add("split", c => [.. c.Op.Outputs.Select(_ => c.Input("x"))]);
        table.Add("pad", c => [c.String("mode", "constant") == "constant" ? c.Input("x").Union(Interval.Point(c.Float("constant_val", 0))) : c.Input("x")]);
        table.Add("fill", c => [c.Has("value") ? c.Input("value") : Interval.Point(0)]);
        table.Add("range_1d", c => [c.Input("start").Union(c.Input("end"))]);
        table.Add("one_hot", c => [(c.Has("on_value") ? c.Input("on_value") : Interval.Point(1)).Union(c.Has("off_value") ? c.Input("off_value") : Interval.Point(0))]);
        table.Add("shape", c => [new Interval(0, c.ShapeOf("x") is { IsStatic: true } s && s.Rank > 0 ? s.Dims.Max(d => d.Size) : int.MaxValue)]);
        table.Add("cast", c => [Cast(c.Input("x"), c.String("dtype", "fp32"))]);
        table.Add("scatter", c => Scatter(c));
        table.Add("scatter_along_axis", c => Scatter(c));
        table.Add("scatter_nd", c => Scatter(c));
        table.Add("quantize", c => [c.String("output_dtype", "int8") == "uint8" ? new Interval(0, 255) : new Interval(-128, 127)]);
        table.Add("dequantize", c => Dequantize(c) is { } r ? [r] : null);
        table.Add("resample", c =>
        {
            var padding = c.String("padding_mode", "constant") == "constant" ? Interval.Point(c.Float("padding_value", 0)) : Interval.Point(0);
            return [c.Input("x").Union(padding).Union(Interval.Point(0))];
        });
    }

    private static Interval Union(IEnumerable<Interval> parts) => parts.Aggregate((Interval?)null, (acc, p) => acc is { } a ? a.Union(p) : p) ?? Interval.Unbounded;

    /// <summary>
    /// Casts: to an integer type the ends round outward (any rounding mode lands inside); to bool [0, 1]; to fp16 the
    /// ends beyond FP16's overflow threshold become ±∞.
    /// </summary>
    internal static Interval Cast(Interval x, string dtype)
    {
        switch (dtype)
        {
            case "bool":
                return Interval.Unit;
            case "fp16":
                {
                    static double Half(double v) => Math.Abs(v) >= Fp16.OverflowThreshold ? Math.Sign(v) * double.PositiveInfinity : v;
                    return new Interval(Half(x.Low), Half(x.High), x.MayBeNaN);
                }
            case "fp32" or "fp64":
                return x;
            default:
                return x.MayBeNaN ? new Interval(double.NegativeInfinity, double.PositiveInfinity) : new Interval(Math.Floor(x.Low), Math.Ceiling(x.High));
        }
    }

    /// <summary>(q − zero_point)·scale with constant scale and zero point: the union over their values.</summary>
    private static Interval? Dequantize(TransferContext c)
    {
        if (c.Constant("scale")?.AsDoubles() is not { Length: > 0 } scales)
        {
            return null;
        }
        var zeros = c.Has("zero_point") ? c.Constant("zero_point")?.AsDoubles() : [0.0];
        if (zeros is not { Length: > 0 })
        {
            return null;
        }
        var shifted = c.Input("input") - new Interval(zeros.Min(), zeros.Max());
        return shifted * new Interval(scales.Min(), scales.Max());
    }

    /// <summary>scatter with mode update writes updates over data (a union); accumulating modes are not bounded.</summary>
    private static IReadOnlyList<Interval>? Scatter(TransferContext c) =>
        c.String("mode", "add") == "update" ? [c.Input("data").Union(c.Input("updates"))] : null;
}
