namespace MilForge.Numerics;

/// <summary>IEEE 754 binary16 facts and rounding, used by the FP16 pass and the FP16-emulating interpreter.</summary>
public static class Fp16
{
    /// <summary>The largest finite binary16 value.</summary>
    public const float MaxValue = 65504f;

    /// <summary>The smallest positive normal binary16 value, 2^-14.</summary>
    public const float MinNormal = 6.103515625e-05f;

    /// <summary>The smallest positive subnormal binary16 value, 2^-24.</summary>
    public const float MinSubnormal = 5.9604644775390625e-08f;

    /// <summary>Values of this magnitude or more round to infinity in binary16.</summary>
    public const float OverflowThreshold = 65520f;

    /// <summary>Rounds a float to the nearest binary16 value (ties to even; overflow gives ±Inf) and widens it back.</summary>
    public static float Round(float value) => (float)(Half)value;

    /// <summary>Rounds every element in place to the nearest binary16 value.</summary>
    public static void RoundInPlace(Span<float> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(Half)values[i];
        }
    }

    /// <summary>True when a finite value becomes ±Inf in binary16.</summary>
    public static bool Overflows(float value) => float.IsFinite(value) && MathF.Abs(value) >= OverflowThreshold;

    /// <summary>True when a non-zero value becomes ±0 in binary16.</summary>
    public static bool FlushesToZero(float value) => value != 0 && (float)(Half)value == 0;
}
