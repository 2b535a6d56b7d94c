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
}
