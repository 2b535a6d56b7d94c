namespace MilForge.Numerics;

/// <summary>Facts about <see cref="DataType"/> values: storage, classification and MIL spelling.</summary>
public static class DataTypes
{
    /// <summary>True for fp16, bf16, fp32 and fp64.</summary>
    public static bool IsFloat(this DataType t) => t is DataType.Float16 or DataType.BFloat16 or DataType.Float32 or DataType.Float64;

    /// <summary>True for signed and unsigned integer types (not bool).</summary>
    public static bool IsInteger(this DataType t) => t is DataType.Int8 or DataType.UInt8 or DataType.Int16 or DataType.UInt16
        or DataType.Int32 or DataType.UInt32 or DataType.Int64 or DataType.UInt64;

    /// <summary>True for integer or float types.</summary>
    public static bool IsNumeric(this DataType t) => t.IsFloat() || t.IsInteger();

    /// <summary>Size of one element in bytes (strings report 0).</summary>
    public static int ByteSize(this DataType t) => t switch
    {
        DataType.Bool or DataType.Int8 or DataType.UInt8 => 1,
        DataType.Int16 or DataType.UInt16 or DataType.Float16 or DataType.BFloat16 => 2,
        DataType.Int32 or DataType.UInt32 or DataType.Float32 => 4,
        DataType.Int64 or DataType.UInt64 or DataType.Float64 => 8,
        _ => 0,
    };

    /// <summary>The CLR element type used to store a tensor of this type.</summary>
    public static Type StorageType(this DataType t) => t switch
    {
        DataType.Bool => typeof(bool),
        DataType.Int8 => typeof(sbyte),
        DataType.UInt8 => typeof(byte),
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

    /// <summary>The MIL spelling of the type (<c>fp32</c>, <c>int32</c>, <c>bool</c>...).</summary>
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
