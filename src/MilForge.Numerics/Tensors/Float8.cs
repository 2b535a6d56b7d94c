namespace MilForge.Numerics;

/// <summary>
/// The two 8-bit float formats MIL stores, held as their raw bits. E4M3FN: 4 exponent bits (bias 7), 3 mantissa bits,
/// no infinities, NaN = S.1111.111, largest finite 448. E5M2: 5 exponent bits (bias 15), 2 mantissa bits, IEEE-like
/// with ±Inf (S.11111.00) and NaN (S.11111.xx, xx ≠ 0), largest finite 57344. Decoding is exact; encoding rounds to
/// nearest, ties to even, straight from a double (no double rounding through float).
/// </summary>
public static class Float8
{
    /// <summary>The largest finite E4M3FN value.</summary>
    public const float E4M3FNMax = 448f;

    /// <summary>The largest finite E5M2 value.</summary>
    public const float E5M2Max = 57344f;

    private const byte E4M3FNNaN = 0x7F;
    private const byte E5M2Inf = 0x7C;
    private const byte E5M2NaN = 0x7E;

    /// <summary>The value of E4M3FN bits (exact; S.1111.111 is NaN).</summary>
    public static float E4M3FNToFloat(byte bits) => (bits & 0x7F) == E4M3FNNaN ? NaN(bits) : Decode(bits, mantissaBits: 3, bias: 7);

    /// <summary>The value of E5M2 bits (exact; exponent 11111 is ±Inf with a zero mantissa, else NaN).</summary>
    public static float E5M2ToFloat(byte bits)
    {
        var sign = (bits & 0x80) != 0;
        if ((bits & 0x7C) == 0x7C)
        {
            return (bits & 0x03) != 0 ? NaN(bits) : sign ? float.NegativeInfinity : float.PositiveInfinity;
        }
        return Decode(bits, mantissaBits: 2, bias: 15);
    }

    /// <summary>
    /// Rounds to E4M3FN (nearest, ties to even). NaN keeps its sign and becomes S.1111.111. A value that rounds past
    /// 448, and ±Inf, becomes ±448 when <paramref name="saturate"/> (the usual convention, and ONNX Cast's default),
    /// else NaN, since the format has no infinities.
    /// </summary>
    public static byte ToE4M3FN(double value, bool saturate = true)
    {
        var sign = double.IsNegative(value) ? 0x80 : 0;
        if (double.IsNaN(value))
        {
            return (byte)(sign | E4M3FNNaN);
        }
        // 0x7E (1.110 × 2^8 = 448) is the largest finite code; everything above it overflows.
        var code = double.IsInfinity(value) ? int.MaxValue : Encode(Math.Abs(value), mantissaBits: 3, bias: 7);
        if (code > 0x7E)
        {
            return (byte)(sign | (saturate ? 0x7E : E4M3FNNaN));
        }
        return (byte)(sign | code);
    }

    /// <summary>
    /// Rounds to E5M2 (nearest, ties to even). NaN keeps its sign and becomes the quiet NaN S.11111.10. Overflow gives
    /// ±Inf as in IEEE 754, and ±Inf stays ±Inf; with <paramref name="saturate"/> both become ±57344 instead (ONNX
    /// Cast's saturate mode).
    /// </summary>
    public static byte ToE5M2(double value, bool saturate = false)
    {
        var sign = double.IsNegative(value) ? 0x80 : 0;
        if (double.IsNaN(value))
        {
            return (byte)(sign | E5M2NaN);
        }
        var code = double.IsInfinity(value) ? int.MaxValue : Encode(Math.Abs(value), mantissaBits: 2, bias: 15);
        if (code >= E5M2Inf)
        {
            return (byte)(sign | (saturate ? E5M2Inf - 1 : E5M2Inf));
        }
        return (byte)(sign | code);
    }

    // A quiet NaN with the sign of the bits (float.NaN itself has the sign bit set on .NET).
    private static float NaN(byte bits) => BitConverter.Int32BitsToSingle(unchecked((int)(((bits & 0x80u) << 24) | 0x7FC00000u)));

    // Interprets the low 7 bits as exponent and mantissa fields of a finite value.
    private static float Decode(byte bits, int mantissaBits, int bias)
    {
        var exponent = (bits & 0x7F) >> mantissaBits;
        var mantissa = bits & ((1 << mantissaBits) - 1);
        var magnitude = exponent == 0
            ? Math.ScaleB(mantissa, 1 - bias - mantissaBits)
            : Math.ScaleB(mantissa + (1 << mantissaBits), exponent - bias - mantissaBits);
        return (float)((bits & 0x80) != 0 ? -magnitude : magnitude);
    }

    // The exponent and mantissa fields of a finite non-negative value rounded to nearest even, as one integer
    // (exponent << mantissaBits | mantissa). No upper limit is applied: callers compare against their largest code.
    private static int Encode(double magnitude, int mantissaBits, int bias)
    {
        // The quantum is 2^(e - mantissaBits) for the binade of e, with subnormals sharing the smallest normal binade.
        var e = Math.Max(Math.ILogB(magnitude), 1 - bias);
        var n = (int)Math.Round(Math.ScaleB(magnitude, mantissaBits - e), MidpointRounding.ToEven);
        // n is in [2^m, 2^(m+1)] for normals (2^(m+1) carries into the next binade, which the arithmetic below
        // handles by itself), and below 2^m only for subnormals, whose exponent field is 0.
        var normal = n >= 1 << mantissaBits;
        var exponentField = normal ? e + bias : 0;
        var mantissaField = normal ? n - (1 << mantissaBits) : n;
        return (exponentField << mantissaBits) + mantissaField;
    }
}
