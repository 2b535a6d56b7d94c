namespace MilForge.Numerics;

/// <summary>Conversions between float and bfloat16 held as its raw 16 bits.</summary>
public static class BFloat16Bits
{
    /// <summary>Widens bfloat16 bits to float (exact).</summary>
    public static float ToFloat(ushort bits) => BitConverter.Int32BitsToSingle(bits << 16);

    /// <summary>Rounds a float to bfloat16 (nearest even; NaN stays NaN).</summary>
    public static ushort FromFloat(float value)
    {
        var bits = (uint)BitConverter.SingleToInt32Bits(value);
        if (float.IsNaN(value))
        {
            return (ushort)((bits >> 16) | 0x40);
        }
        var rounding = 0x7FFFu + ((bits >> 16) & 1);
        return (ushort)((bits + rounding) >> 16);
    }
}
