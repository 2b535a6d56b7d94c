namespace MilForge.Numerics;

/// <summary>Value ranges and conversions of the sub-byte integer types (int4, uint1, uint2, uint3, uint4, uint6).</summary>
public static class SubByteIntegers
{
    /// <summary>The smallest and largest value of a sub-byte type: [-8, 7] for int4, [0, 2^bits - 1] otherwise.</summary>
    public static (int Min, int Max) Range(DataType type)
    {
        if (!type.IsSubByte())
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Not a sub-byte type.");
        }
        var bits = type.BitWidth();
        return type == DataType.Int4 ? (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) : (0, (1 << bits) - 1);
    }

    /// <summary>True when <paramref name="value"/> fits the type.</summary>
    public static bool Fits(DataType type, long value)
    {
        var (min, max) = Range(type);
        return value >= min && value <= max;
    }

    /// <summary>The low bits of <paramref name="value"/> as the type (two's complement wrap, as integer casts do).</summary>
    public static int Wrap(DataType type, long value)
    {
        var bits = type.BitWidth();
        var low = (int)(value & ((1L << bits) - 1));
        return type == DataType.Int4 && low >= 1 << (bits - 1) ? low - (1 << bits) : low;
    }

    /// <summary>A float truncated toward zero and saturated to the type's range (NaN becomes 0), as float-to-integer casts do.</summary>
    public static int Saturate(DataType type, double value)
    {
        var (min, max) = Range(type);
        return double.IsNaN(value) ? 0 : (int)Math.Clamp(Math.Truncate(value), min, max);
    }
}
