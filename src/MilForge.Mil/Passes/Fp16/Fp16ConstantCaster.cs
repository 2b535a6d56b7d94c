using MilForge.Numerics;

namespace MilForge.Mil.Passes.Fp16;

/// <summary>Converts fp32 constants to fp16 the way coremltools does, counting what does not fit.</summary>
internal static class Fp16ConstantCaster
{
    /// <summary>Values of this magnitude or more are treated as ±infinity sentinels.</summary>
    public const double SentinelThreshold = 1e38;

    /// <summary>Counts of a constant's values that overflow (and how many are sentinels) or flush to zero in FP16.</summary>
    public static (long Overflowing, long Sentinels, double MaxAbs, long Flushed) Inspect(Tensor value)
    {
        long overflowing = 0, sentinels = 0, flushed = 0;
        double maxAbs = 0;
        var data = value.AsFloats();
        foreach (var v in data)
        {
            if (!float.IsFinite(v))
            {
                continue;
            }
            var a = Math.Abs((double)v);
            maxAbs = Math.Max(maxAbs, a);
            if (a > Numerics.Fp16.MaxValue)
            {
                overflowing++;
                sentinels += a >= SentinelThreshold ? 1 : 0;
            }
            else if (Numerics.Fp16.FlushesToZero(v))
            {
                flushed++;
            }
        }
        return (overflowing, sentinels, maxAbs, flushed);
    }

    /// <summary>
    /// The fp16 tensor: round to nearest even; finite values beyond ±65504 saturate when <paramref name="saturate"/>
    /// (else they round to ±Inf, as numpy's cast does); non-zero values that round to zero become ±2^-24 when
    /// <paramref name="rescueUnderflow"/>. Infinities and NaN stay as they are.
    /// </summary>
    public static Tensor ToFp16(Tensor value, bool saturate, bool rescueUnderflow)
    {
        var data = value.AsFloats();
        var result = new Half[data.Length];
        for (var i = 0; i < data.Length; i++)
        {
            var v = data[i];
            var h = (Half)v;
            if (saturate && float.IsFinite(v) && Half.IsInfinity(h))
            {
                h = v > 0 ? Half.MaxValue : Half.MinValue;
            }
            else if (rescueUnderflow && v != 0 && h == Half.Zero)
            {
                h = v > 0 ? Half.Epsilon : -Half.Epsilon;
            }
            result[i] = h;
        }
        return Tensor.Create(DataType.Float16, value.Shape.AsSpan(), result);
    }
}
