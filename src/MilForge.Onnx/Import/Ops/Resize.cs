using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Resize (opsets 10–19: nearest with every nearest_mode, linear, cubic with cubic_coeff_a/exclude_outside,
/// antialias, every coordinate_transformation_mode incl. tf_crop_and_resize, constant scales or sizes, axes,
/// keep_aspect_ratio_policy). See <see cref="ResizeLowering"/> for the MIL it becomes.
/// </summary>
[OnnxOp("Resize", 10, 11, 13, 18, 19)]
internal sealed class Resize : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var shape = ConverterHelpers.StaticShape(context, x, "Resize");
        var a = context.Attributes;
        var rank = shape.Length;
        var axes = context.Opset >= 18 && a.Ints("axes") is { } given
            ? [.. given.Select(v => ConverterHelpers.NormalizeAxis(context, v, rank))]
            : Enumerable.Range(0, rank).ToArray();
        if (axes.Distinct().Count() != axes.Length)
        {
            throw context.Unsupported($"axes [{string.Join(", ", axes)}] repeat an axis");
        }
        var settings = new ResizeAxisMap.Settings(
            a.String("mode", "nearest"),
            context.Opset >= 11 ? a.String("coordinate_transformation_mode", "half_pixel") : "asymmetric",
            context.Opset >= 11 ? a.String("nearest_mode", "round_prefer_floor") : "simple",
            a.Float("cubic_coeff_a", -0.75f),
            a.Int("exclude_outside", 0) != 0,
            a.Int("antialias", 0) != 0);
        var (scalesIndex, sizesIndex) = context.Opset >= 11 ? (2, 3) : (1, -1);
        var scales = Optional(context, scalesIndex, "scales")?.AsFloats();
        var sizes = sizesIndex >= 0 ? Optional(context, sizesIndex, "sizes")?.AsLongs() : null;
        float[]? roi = null;
        if (settings.CoordinateMode == "tf_crop_and_resize")
        {
            roi = Optional(context, 1, "roi")?.AsFloats()
                ?? throw context.Unsupported("tf_crop_and_resize needs a roi");
            if (roi.Length != 2 * axes.Length)
            {
                throw context.Unsupported($"roi has {roi.Length} entries, expected {2 * axes.Length}");
            }
        }
        var outSizes = shape.ToArray();
        var coordinateScales = Enumerable.Repeat(1f, rank).ToArray();
        if (sizes is not null)
        {
            if (sizes.Length != axes.Length || sizes.Any(v => v < 1))
            {
                throw context.Unsupported($"sizes [{string.Join(", ", sizes)}] must have {axes.Length} positive entries");
            }
            var policy = context.Opset >= 18 ? a.String("keep_aspect_ratio_policy", "stretch") : "stretch";
            var ratios = axes.Select((ax, i) => (float)sizes[i] / shape[ax]).ToArray();
            for (var i = 0; i < axes.Length; i++)
            {
                var ax = axes[i];
                var scale = policy switch
                {
                    "stretch" => ratios[i],
                    "not_larger" => ratios.Min(),
                    "not_smaller" => ratios.Max(),
                    _ => throw context.Unsupported($"keep_aspect_ratio_policy '{policy}' is unknown"),
                };
                coordinateScales[ax] = scale;
                outSizes[ax] = policy == "stretch" ? checked((int)sizes[i]) : (int)Math.Round(scale * shape[ax], MidpointRounding.AwayFromZero);
            }
        }
        else if (scales is not null)
        {
            if (scales.Length != axes.Length || scales.Any(v => !(v > 0) || float.IsInfinity(v)))
            {
                throw context.Unsupported($"scales [{string.Join(", ", scales)}] must have {axes.Length} positive entries");
            }
            for (var i = 0; i < axes.Length; i++)
            {
                var ax = axes[i];
                // As ONNX Runtime sizes it: the roi does not enter the output size.
                coordinateScales[ax] = scales[i];
                outSizes[ax] = (int)(shape[ax] * scales[i]);
            }
        }
        else
        {
            throw context.Unsupported("neither scales nor sizes is given");
        }
        var roiStart = new float[rank];
        var roiEnd = Enumerable.Repeat(1f, rank).ToArray();
        for (var i = 0; roi is not null && i < axes.Length; i++)
        {
            (roiStart[axes[i]], roiEnd[axes[i]]) = (roi[i], roi[axes.Length + i]);
        }
        context.SetOutput(0, ResizeLowering.Lower(context, x, settings, outSizes, coordinateScales, roiStart, roiEnd,
            a.Float("extrapolation_value", 0f)));
    }

    /// <summary>A constant optional input; an empty tensor counts as absent (as ONNX allows).</summary>
    private static Tensor? Optional(OnnxNodeContext context, int index, string what)
    {
        if (!context.HasInput(index))
        {
            return null;
        }
        var t = context.RequireConstant(index, what);
        return t.Length == 0 ? null : t;
    }
}

/// <summary>Upsample (opsets 7 and 9: scales as attribute or constant input; nearest or linear, asymmetric).</summary>
[OnnxOp("Upsample", 7, 9)]
internal sealed class Upsample : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var shape = ConverterHelpers.StaticShape(context, x, "Upsample");
        var scales = context.Opset >= 9 ? context.RequireConstant(1, "scales").AsFloats()
            : context.Attributes.Floats("scales") ?? throw context.Unsupported("the scales attribute is missing");
        if (scales.Length != shape.Length || scales.Any(v => !(v > 0) || float.IsInfinity(v)))
        {
            throw context.Unsupported($"scales [{string.Join(", ", scales)}] must have {shape.Length} positive entries");
        }
        var mode = context.Attributes.String("mode", "nearest");
        mode = mode is "bilinear" or "trilinear" ? "linear" : mode;
        var settings = new ResizeAxisMap.Settings(mode, "asymmetric", "simple", -0.75f, false, false);
        var outSizes = shape.Select((d, i) => (int)(d * scales[i])).ToArray();
        context.SetOutput(0, ResizeLowering.Lower(context, x, settings, outSizes, scales, new float[shape.Length],
            Enumerable.Repeat(1f, shape.Length).ToArray(), 0f));
    }
}

/// <summary>
/// Lowers a static resize to MIL. When only the last two axes of a rank ≥ 3 tensor change and the MIL op samples
/// exactly the same points, <c>upsample_bilinear</c> or <c>upsample_nearest_neighbor</c>; otherwise, per resized axis,
/// a <c>gather</c> with constant indices (nearest) or a <c>matmul</c> with the constant interpolation matrix (linear,
/// cubic, antialias), and a <c>select</c> for tf_crop_and_resize's extrapolated outputs. Every mode is exact.
/// </summary>
internal static class ResizeLowering
{
    public static Value Lower(OnnxNodeContext context, Value x, ResizeAxisMap.Settings settings, int[] outSizes, float[] coordinateScales,
        float[] roiStart, float[] roiEnd, float extrapolation)
    {
        if (settings.Mode is not ("nearest" or "linear" or "cubic"))
        {
            throw context.Unsupported($"mode '{settings.Mode}' is unknown");
        }
        if (!ResizeAxisMap.CoordinateModes.Contains(settings.CoordinateMode))
        {
            throw context.Unsupported($"coordinate_transformation_mode '{settings.CoordinateMode}' is unknown");
        }
        if (!ResizeAxisMap.NearestModes.Contains(settings.NearestMode))
        {
            throw context.Unsupported($"nearest_mode '{settings.NearestMode}' is unknown");
        }
        var shape = x.Shape.ToStatic();
        if (outSizes.Any(d => d < 1))
        {
            throw context.Unsupported($"the output shape [{string.Join(", ", outSizes)}] has an empty dim");
        }
        var maps = new ResizeAxisMap?[shape.Length];
        for (var ax = 0; ax < shape.Length; ax++)
        {
            var map = ResizeAxisMap.Build(settings, shape[ax], outSizes[ax], coordinateScales[ax], roiStart[ax], roiEnd[ax]);
            maps[ax] = map.IsIdentity ? null : map;
        }
        if (maps.All(m => m is null))
        {
            return context.Op("identity", new() { { "x", x } });
        }
        if (MilUpsample(context, x, maps) is { } direct)
        {
            return direct;
        }
        var y = x;
        var last = Array.FindLastIndex(maps, m => m is not null);
        var outside = maps.Any(m => m is not null && m.Outside.Any(o => o));
        var current = shape.ToArray();
        for (var ax = 0; ax < shape.Length; ax++)
        {
            if (maps[ax] is not { } map)
            {
                continue;
            }
            var name = ax == last && !outside ? null : $"{context.OutputName()}_axis{ax}";
            y = map.Nearest is { } indices
                ? context.Op("gather", new() { { "x", y }, { "indices", indices }, { "axis", ax } }, name)
                : ApplyMatrix(context, y, current, ax, map, name);
            current[ax] = map.OutSize;
        }
        return outside ? Extrapolate(context, y, maps, current, extrapolation) : y;
    }

    /// <summary>y along <paramref name="axis"/> ← Weights · y, as a matmul on a [before, in, after] view.</summary>
    private static Value ApplyMatrix(OnnxNodeContext context, Value y, int[] shape, int axis, ResizeAxisMap map, string? name)
    {
        var type = y.DataType;
        if (axis == shape.Length - 1)
        {
            var transposed = new double[map.InSize * map.OutSize];
            for (var o = 0; o < map.OutSize; o++)
            {
                for (var i = 0; i < map.InSize; i++)
                {
                    transposed[(i * map.OutSize) + o] = map.Weights[o, i];
                }
            }
            var weightsT = context.Const(Tensor.FromDoubles(transposed, [map.InSize, map.OutSize], type), $"axis{axis}_weights");
            return context.Op("matmul", new() { { "x", y }, { "y", weightsT } }, name);
        }
        var before = shape.Take(axis).Aggregate(1, (p, d) => p * d);
        var after = shape.Skip(axis + 1).Aggregate(1, (p, d) => p * d);
        var flat = new double[map.OutSize * map.InSize];
        for (var o = 0; o < map.OutSize; o++)
        {
            for (var i = 0; i < map.InSize; i++)
            {
                flat[(o * map.InSize) + i] = map.Weights[o, i];
            }
        }
        var weights = context.Const(Tensor.FromDoubles(flat, [map.OutSize, map.InSize], type), $"axis{axis}_weights");
        var view = ConverterHelpers.Reshape(context, y, [before, map.InSize, after], $"{context.OutputName()}_axis{axis}_view");
        var product = context.Op("matmul", new() { { "x", weights }, { "y", view } }, $"{context.OutputName()}_axis{axis}_matmul");
        int[] outShape = [.. shape.Take(axis), map.OutSize, .. shape.Skip(axis + 1)];
        return context.Op("reshape", new() { { "x", product }, { "shape", outShape } }, name);
    }

    /// <summary>Outputs outside tf_crop_and_resize's roi take the extrapolation value.</summary>
    private static Value Extrapolate(OnnxNodeContext context, Value y, ResizeAxisMap?[] maps, int[] shape, float value)
    {
        var maskShape = shape.Select((d, ax) => maps[ax] is null ? 1 : d).ToArray();
        var inside = new bool[maskShape.Aggregate(1, (p, d) => p * d)];
        var strides = new int[maskShape.Length];
        for (int ax = maskShape.Length - 1, s = 1; ax >= 0; ax--)
        {
            strides[ax] = s;
            s *= maskShape[ax];
        }
        for (var flat = 0; flat < inside.Length; flat++)
        {
            var ok = true;
            for (var ax = 0; ax < maskShape.Length && ok; ax++)
            {
                ok = maps[ax] is not { } m || !m.Outside[flat / strides[ax] % maskShape[ax]];
            }
            inside[flat] = ok;
        }
        var mask = context.Const(Tensor.FromLongs([.. inside.Select(b => b ? 1L : 0L)], maskShape, DataType.Bool), "inside");
        return context.Op("select", new() { { "cond", mask }, { "a", y }, { "b", context.Scalar(value, y, "extrapolation") } });
    }

    /// <summary>The MIL upsample op with exactly this sampling, when only the last two axes change; else null.</summary>
    private static Value? MilUpsample(OnnxNodeContext context, Value x, ResizeAxisMap?[] maps)
    {
        var rank = maps.Length;
        if (rank < 3 || maps.Take(rank - 2).Any(m => m is not null) || maps.Any(m => m is not null && m.Outside.Any(o => o)))
        {
            return null;
        }
        var shape = x.Shape.ToStatic();
        var (hIn, wIn) = (shape[^2], shape[^1]);
        var (hOut, wOut) = (maps[^2]?.OutSize ?? hIn, maps[^1]?.OutSize ?? wIn);
        if (hOut < hIn || wOut < wIn)
        {
            return null; // the MIL ops are for upsampling
        }
        if (maps[^2]?.Nearest is not null || maps[^1]?.Nearest is not null)
        {
            if (hOut % hIn != 0 || wOut % wIn != 0)
            {
                return null;
            }
            var (kh, kw) = (hOut / hIn, wOut / wIn);
            if (!SameNearest(maps[^2], hIn, kh) || !SameNearest(maps[^1], wIn, kw))
            {
                return null;
            }
            return context.Op("upsample_nearest_neighbor", new() { { "x", x }, { "scale_factor_height", kh }, { "scale_factor_width", kw } });
        }
        foreach (var (alignCorners, halfPixel) in new[] { (false, true), (true, false), (false, false) })
        {
            if (!halfPixel && !alignCorners && context.Builder.Function.Target < DeploymentTarget.iOS16)
            {
                continue;
            }
            if (SameLinear(maps[^2], hIn, hOut, alignCorners, halfPixel) && SameLinear(maps[^1], wIn, wOut, alignCorners, halfPixel)
                && ScaleFactor(hIn, hOut) is { } sh && ScaleFactor(wIn, wOut) is { } sw)
            {
                var args = new OpArgs { { "x", x }, { "scale_factor_height", sh }, { "scale_factor_width", sw }, { "align_corners", alignCorners } };
                if (!halfPixel && !alignCorners)
                {
                    args.Add("half_pixel_centers", false);
                }
                return context.Op("upsample_bilinear", args);
            }
        }
        return null;
    }

    private static bool SameNearest(ResizeAxisMap? map, int inSize, int factor) =>
        map is null ? factor == 1 : map.Nearest!.Select((k, o) => k == o / factor).All(b => b);

    /// <summary>True when upsample_bilinear's grid (scale recomputed from the sizes, clamped) gives the same weights.</summary>
    private static bool SameLinear(ResizeAxisMap? map, int inSize, int outSize, bool alignCorners, bool halfPixel)
    {
        if (map is null)
        {
            return inSize == outSize && !alignCorners || inSize == 1 || (alignCorners && inSize == outSize);
        }
        var ratio = (double)inSize / outSize;
        for (var o = 0; o < outSize; o++)
        {
            var p = alignCorners ? (outSize > 1 ? o * (double)(inSize - 1) / (outSize - 1) : 0)
                : halfPixel ? ((o + 0.5) * ratio) - 0.5 : o * ratio;
            p = Math.Clamp(p, 0, inSize - 1);
            var i0 = (int)Math.Floor(p);
            for (var i = 0; i < inSize; i++)
            {
                var expected = i == i0 ? 1 - (p - i0) : i == i0 + 1 ? p - i0 : 0;
                if (Math.Abs(map.Weights[o, i] - expected) > 1e-6)
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>An fp32 scale s with floor(inSize · s) = outSize (nudged up from outSize/inSize as needed), or null.</summary>
    private static float? ScaleFactor(int inSize, int outSize)
    {
        var s = (float)outSize / inSize;
        for (var k = 0; k < 64 && Math.Floor(inSize * (double)s) < outSize; k++)
        {
            s = MathF.BitIncrement(s);
        }
        return Math.Floor(inSize * (double)s) == outSize ? s : null;
    }
}
