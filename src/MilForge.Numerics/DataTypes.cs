namespace MilForge.Numerics;

/// <summary>Facts about <see cref="DataType"/> values: storage, classification and MIL spelling.</summary>
public static class DataTypes
{
    /// <summary>True for fp8 (both formats), fp16, bf16, fp32 and fp64.</summary>
    public static bool IsFloat(this DataType t) => t is DataType.Float16 or DataType.BFloat16 or DataType.Float32 or DataType.Float64
        or DataType.Float8E4M3FN or DataType.Float8E5M2;

    /// <summary>True for signed and unsigned integer types, the sub-byte ones included (not bool).</summary>
    public static bool IsInteger(this DataType t) => t is DataType.Int8 or DataType.UInt8 or DataType.Int16 or DataType.UInt16
        or DataType.Int32 or DataType.UInt32 or DataType.Int64 or DataType.UInt64 || t.IsSubByte();

    /// <summary>True for integer or float types.</summary>
    public static bool IsNumeric(this DataType t) => t.IsFloat() || t.IsInteger();

    /// <summary>True for the integer types narrower than a byte (int4, uint1, uint2, uint3, uint4, uint6).</summary>
    public static bool IsSubByte(this DataType t) => t is DataType.Int4 or DataType.UInt1 or DataType.UInt2 or DataType.UInt3
        or DataType.UInt4 or DataType.UInt6;

    /// <summary>
    /// Size of one element of tensor storage in bytes (strings report 0). Sub-byte types are stored unpacked, one byte
    /// per element, so they report 1; <see cref="BitWidth"/> gives their packed width.
    /// </summary>
    public static int ByteSize(this DataType t) => t switch
    {
        DataType.String => 0,
        _ when t.IsSubByte() => 1,
        _ => t.BitWidth() / 8,
    };

    /// <summary>
    /// Bits per element in packed file formats: 1, 2, 3, 4 or 6 for the sub-byte types, 8 for bool, int8, uint8 and
    /// fp8, 16, 32 or 64 for the wider types; 0 for strings.
    /// </summary>
    public static int BitWidth(this DataType t) => t switch
    {
        DataType.UInt1 => 1,
        DataType.UInt2 => 2,
        DataType.UInt3 => 3,
        DataType.Int4 or DataType.UInt4 => 4,
        DataType.UInt6 => 6,
        DataType.Bool or DataType.Int8 or DataType.UInt8 or DataType.Float8E4M3FN or DataType.Float8E5M2 => 8,
        DataType.Int16 or DataType.UInt16 or DataType.Float16 or DataType.BFloat16 => 16,
        DataType.Int32 or DataType.UInt32 or DataType.Float32 => 32,
        DataType.Int64 or DataType.UInt64 or DataType.Float64 => 64,
        _ => 0,
    };

    /// <summary>The CLR element type used to store a tensor of this type.</summary>
    public static Type StorageType(this DataType t) => t switch
    {
        DataType.Bool => typeof(bool),
        DataType.Int8 or DataType.Int4 => typeof(sbyte),
        DataType.UInt8 or DataType.UInt1 or DataType.UInt2 or DataType.UInt3 or DataType.UInt4 or DataType.UInt6
            or DataType.Float8E4M3FN or DataType.Float8E5M2 => typeof(byte),
        DataType.Int16 => typeof(short),
        DataType.UInt16 or DataType.BFloat16 => typeof(ushort),
        DataType.Int32 => typeof(int),
        DataType.UInt32 => typeof(uint),
        DataType.Int64 => typeof(long),
        DataType.UInt64 => typeof(ulong),
        DataType.Float16 => typeof(Half),
        DataType.Float32 => typeof(float),
        DataType.Float64 => typeof(double),
        DataType.String => typeof(string),
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, null),
    };

    /// <summary>The MIL spelling of the type (<c>fp32</c>, <c>int32</c>, <c>bool</c>, <c>int4</c>...; fp8 types are <c>fp8e4m3fn</c> and <c>fp8e5m2</c>).</summary>
    public static string MilName(this DataType t) => t switch
    {
        DataType.Bool => "bool",
        DataType.Int8 => "int8",
        DataType.UInt8 => "uint8",
        DataType.Int16 => "int16",
        DataType.UInt16 => "uint16",
        DataType.Int32 => "int32",
        DataType.UInt32 => "uint32",
        DataType.Int64 => "int64",
        DataType.UInt64 => "uint64",
        DataType.Float16 => "fp16",
        DataType.BFloat16 => "bf16",
        DataType.Float32 => "fp32",
        DataType.Float64 => "fp64",
        DataType.String => "string",
        DataType.Int4 => "int4",
        DataType.UInt1 => "uint1",
        DataType.UInt2 => "uint2",
        DataType.UInt3 => "uint3",
        DataType.UInt4 => "uint4",
        DataType.UInt6 => "uint6",
        // MIL's type strings have no fp8 spelling (facts doc §3.2); these follow the fp16/fp32 pattern.
        DataType.Float8E4M3FN => "fp8e4m3fn",
        DataType.Float8E5M2 => "fp8e5m2",
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, null),
    };

    /// <summary>Parses a MIL type spelling; returns false for an unknown name.</summary>
    public static bool TryParseMilName(string name, out DataType type)
    {
        foreach (var t in Enum.GetValues<DataType>())
        {
            if (t.MilName() == name)
            {
                type = t;
                return true;
            }
        }
        type = default;
        return false;
    }
}
