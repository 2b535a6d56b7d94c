namespace MilForge.Numerics;

/// <summary>Element types a tensor can hold. The set is the union of what ONNX models and MIL programs use.</summary>
public enum DataType : byte
{
    /// <summary>Boolean, stored as <see cref="bool"/>.</summary>
    Bool,
    /// <summary>Signed 8-bit integer.</summary>
    Int8,
    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8,
    /// <summary>Signed 16-bit integer.</summary>
    Int16,
    /// <summary>Unsigned 16-bit integer.</summary>
    UInt16,
    /// <summary>Signed 32-bit integer.</summary>
    Int32,
    /// <summary>Unsigned 32-bit integer.</summary>
    UInt32,
    /// <summary>Signed 64-bit integer.</summary>
    Int64,
    /// <summary>Unsigned 64-bit integer.</summary>
    UInt64,
    /// <summary>IEEE 754 binary16, stored as <see cref="Half"/>.</summary>
    Float16,
    /// <summary>bfloat16, stored as its 16 raw bits in a <see cref="ushort"/>.</summary>
    BFloat16,
    /// <summary>IEEE 754 binary32.</summary>
    Float32,
    /// <summary>IEEE 754 binary64.</summary>
    Float64,
    /// <summary>UTF-8 string.</summary>
    String,
    /// <summary>Signed 4-bit integer, stored unpacked as <see cref="sbyte"/> in [-8, 7].</summary>
    Int4,
    /// <summary>Unsigned 1-bit integer, stored unpacked as <see cref="byte"/> in [0, 1].</summary>
    UInt1,
    /// <summary>Unsigned 2-bit integer, stored unpacked as <see cref="byte"/> in [0, 3].</summary>
    UInt2,
    /// <summary>Unsigned 3-bit integer, stored unpacked as <see cref="byte"/> in [0, 7].</summary>
    UInt3,
    /// <summary>Unsigned 4-bit integer, stored unpacked as <see cref="byte"/> in [0, 15].</summary>
    UInt4,
    /// <summary>Unsigned 6-bit integer, stored unpacked as <see cref="byte"/> in [0, 63].</summary>
    UInt6,
    /// <summary>8-bit float E4M3FN (no infinities, max 448), stored as its raw bits in a <see cref="byte"/>.</summary>
    Float8E4M3FN,
    /// <summary>8-bit float E5M2 (IEEE-like, with infinities, max 57344), stored as its raw bits in a <see cref="byte"/>.</summary>
    Float8E5M2,
}
