namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// One resized axis of ONNX Resize/Upsample as a linear map: output element o = Σ_i Weights[o, i] · x[i], with
/// <see cref="Nearest"/> holding the single source index per output when the mode is nearest, and
/// <see cref="Outside"/> marking outputs that tf_crop_and_resize fills with the extrapolation value. Coordinates
/// are computed in float as ONNX Runtime computes them, so nearest indices and weights agree with it.
/// </summary>
internal sealed class ResizeAxisMap
{
    private ResizeAxisMap(int inSize, int outSize)
    {
        InSize = inSize;
        OutSize = outSize;
        Weights = new double[outSize, inSize];
        Outside = new bool[outSize];
    }

    public int InSize { get; }

    public int OutSize { get; }

    public double[,] Weights { get; }

    public int[]? Nearest { get; private set; }

    public bool[] Outside { get; }

    /// <summary>The resize settings shared by every axis.</summary>
    internal sealed record Settings(string Mode, string CoordinateMode, string NearestMode, float CubicA, bool ExcludeOutside, bool Antialias);

    /// <summary>True when the map is the identity (the axis is not resized).</summary>
    public bool IsIdentity
    {
        get
        {
            if (InSize != OutSize || Outside.Any(o => o))
            {
                return false;
            }
            for (var o = 0; o < OutSize; o++)
            {
                for (var i = 0; i < InSize; i++)
                {
                    if (Weights[o, i] != (o == i ? 1 : 0))
                    {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /// <summary>Builds the map of one axis; <paramref name="scale"/> is the coordinate scale, roi the axis' [start, end].</summary>
    public static ResizeAxisMap Build(Settings s, int inSize, int outSize, float scale, float roiStart, float roiEnd)
    {
        var map = new ResizeAxisMap(inSize, outSize);
        if (s.Mode == "nearest")
        {
            map.Nearest = new int[outSize];
        }
        for (var o = 0; o < outSize; o++)
        {
            var x = Coordinate(s.CoordinateMode, o, scale, inSize, outSize, roiStart, roiEnd);
            if (s.CoordinateMode == "tf_crop_and_resize" && (x < 0 || x > inSize - 1))
            {
                map.Outside[o] = true;
                if (map.Nearest is not null)
                {
                    map.Nearest[o] = 0;
                }
                continue;
            }
            switch (s.Mode)
            {
                case "nearest":
                    var k = Math.Clamp(NearestIndex(s.NearestMode, x, scale), 0, inSize - 1);
                    map.Nearest![o] = k;
                    map.Weights[o, k] = 1;
                    break;
                case "linear" when !s.Antialias || scale >= 1:
                    var p = Math.Clamp(x, 0f, inSize - 1);
                    var i0 = Math.Min((int)p, inSize - 1);
                    var i1 = Math.Min(i0 + 1, inSize - 1);
                    if (i0 == i1)
                    {
                        map.Weights[o, i0] = 1;
                    }
                    else
                    {
                        map.Weights[o, i0] += i1 - p;
                        map.Weights[o, i1] += p - i0;
                    }
                    break;
                default:
                    map.AddFilter(s, o, x, scale);
                    break;
            }
        }
        return map;
    }

    /// <summary>Cubic (and antialiased linear/cubic) filters: taps around x, edge-clamped or, with exclude_outside, dropped and renormalized.</summary>
    private void AddFilter(Settings s, int o, float x, float scale)
    {
        var xInt = (int)Math.Floor(x);
        double ratio = x - xInt;
        var cubic = s.Mode == "cubic";
        var taps = new List<(int Index, double Weight)>();
        if (!s.Antialias || scale >= 1)
        {
            // Standard cubic: four taps at xInt − 1 … xInt + 2.
            double a = s.CubicA;
            double[] c =
            [
                ((((a * (ratio + 1)) - (5 * a)) * (ratio + 1)) + (8 * a)) * (ratio + 1) - (4 * a),
                ((((a + 2) * ratio) - (a + 3)) * ratio * ratio) + 1,
                ((((a + 2) * (1 - ratio)) - (a + 3)) * (1 - ratio) * (1 - ratio)) + 1,
                ((((a * (2 - ratio)) - (5 * a)) * (2 - ratio)) + (8 * a)) * (2 - ratio) - (4 * a),
            ];
            for (var t = 0; t < 4; t++)
            {
                taps.Add((xInt - 1 + t, c[t]));
            }
        }
        else
        {
            // Antialiasing stretches the filter by 1/scale; an integral coordinate is taken as ratio 1 of the previous cell.
            if (ratio == 0)
            {
                (ratio, xInt) = (1, xInt - 1);
            }
            double support = cubic ? 2 : 1;
            var start = (int)Math.Floor(-support / scale) + 1;
            var end = 2 - start;
            for (var t = start; t < end; t++)
            {
                var d = Math.Abs(scale * (t - ratio));
                taps.Add((xInt + t, cubic ? CubicKernel(d, s.CubicA) : Math.Max(0, 1 - d)));
            }
        }
        if (s.ExcludeOutside)
        {
            taps = [.. taps.Select(t => t.Index < 0 || t.Index >= InSize ? (t.Index, 0.0) : t)];
        }
        var sum = s.ExcludeOutside || s.Antialias ? taps.Sum(t => t.Weight) : 1;
        foreach (var (index, weight) in taps)
        {
            Weights[o, Math.Clamp(index, 0, InSize - 1)] += weight / sum;
        }
    }

    private static double CubicKernel(double d, double a) => d <= 1 ? ((((a + 2) * d) - (a + 3)) * d * d) + 1
        : d < 2 ? (((((a * d) - (5 * a)) * d) + (8 * a)) * d) - (4 * a) : 0;

    /// <summary>The source coordinate of output index <paramref name="o"/> (float arithmetic).</summary>
    public static float Coordinate(string mode, int o, float scale, int inSize, int outSize, float roiStart, float roiEnd) => mode switch
    {
        "half_pixel" => ((o + 0.5f) / scale) - 0.5f,
        "pytorch_half_pixel" => outSize > 1 ? ((o + 0.5f) / scale) - 0.5f : 0f,
        "align_corners" => outSize == 1 ? 0f : o * (float)(inSize - 1) / (outSize - 1),
        "asymmetric" => o / scale,
        "tf_half_pixel_for_nn" => (o + 0.5f) / scale,
        "half_pixel_symmetric" => HalfPixelSymmetric(o, scale, inSize, outSize),
        _ => outSize > 1
            ? (roiStart * (inSize - 1)) + (o * (roiEnd - roiStart) * (inSize - 1) / (outSize - 1))
            : 0.5f * (roiStart + roiEnd) * (inSize - 1),
    };

    private static float HalfPixelSymmetric(int o, float scale, int inSize, int outSize)
    {
        var adjustment = outSize / (scale * inSize);
        var center = inSize / 2f;
        var offset = center * (1 - adjustment);
        return offset + ((o + 0.5f) / scale) - 0.5f;
    }

    private static int NearestIndex(string mode, float x, float scale) => mode switch
    {
        "round_prefer_ceil" => x == MathF.Floor(x) + 0.5f ? (int)MathF.Ceiling(x) : (int)MathF.Round(x),
        "floor" => (int)MathF.Floor(x),
        "ceil" => (int)MathF.Ceiling(x),
        "simple" => scale < 1 ? (int)MathF.Ceiling(x) : (int)x,
        _ => x == MathF.Floor(x) + 0.5f ? (int)MathF.Floor(x) : (int)MathF.Round(x),
    };

    /// <summary>The known coordinate transformation modes.</summary>
    public static readonly string[] CoordinateModes =
        ["half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric", "tf_half_pixel_for_nn", "half_pixel_symmetric", "tf_crop_and_resize"];

    /// <summary>The known nearest modes.</summary>
    public static readonly string[] NearestModes = ["round_prefer_floor", "round_prefer_ceil", "floor", "ceil", "simple"];
}
