using MilForge.Numerics;

namespace MilForge.Onnx.Reading;

/// <summary>ONNX <c>TensorProto.DataType</c> codes and their MilForge element types.</summary>
public static class OnnxDataTypes
{
    /// <summary>ONNX FLOAT.</summary>
    public const int Float = 1;
    /// <summary>ONNX UINT8.</summary>
    public const int UInt8 = 2;
    /// <summary>ONNX INT8.</summary>
    public const int Int8 = 3;
    /// <summary>ONNX UINT16.</summary>
    public const int UInt16 = 4;
    /// <summary>ONNX INT16.</summary>
    public const int Int16 = 5;
    /// <summary>ONNX INT32.</summary>
    public const int Int32 = 6;
    /// <summary>ONNX INT64.</summary>
    public const int Int64 = 7;
    /// <summary>ONNX STRING.</summary>
    public const int String = 8;
    /// <summary>ONNX BOOL.</summary>
    public const int Bool = 9;
    /// <summary>ONNX FLOAT16.</summary>
    public const int Float16 = 10;
    /// <summary>ONNX DOUBLE.</summary>
    public const int Double = 11;
    /// <summary>ONNX UINT32.</summary>
    public const int UInt32 = 12;
    /// <summary>ONNX UINT64.</summary>
    public const int UInt64 = 13;
    /// <summary>ONNX BFLOAT16.</summary>
    public const int BFloat16 = 16;
    /// <summary>ONNX FLOAT8E4M3FN.</summary>
    public const int Float8E4M3FN = 17;
    /// <summary>ONNX FLOAT8E5M2.</summary>
    public const int Float8E5M2 = 19;
    /// <summary>ONNX UINT4 (two per byte in raw_data, low nibble first).</summary>
    public const int UInt4 = 21;
    /// <summary>ONNX INT4 (two per byte in raw_data, low nibble first).</summary>
    public const int Int4 = 22;

    /// <summary>The element type for an ONNX code, or null when MilForge does not support it.</summary>
    public static DataType? ToDataType(int code) => code switch
    {
        Float => DataType.Float32,
        UInt8 => DataType.UInt8,
        Int8 => DataType.Int8,
        UInt16 => DataType.UInt16,
        Int16 => DataType.Int16,
        Int32 => DataType.Int32,
        Int64 => DataType.Int64,
        String => DataType.String,
        Bool => DataType.Bool,
        Float16 => DataType.Float16,
        Double => DataType.Float64,
        UInt32 => DataType.UInt32,
        UInt64 => DataType.UInt64,
        BFloat16 => DataType.BFloat16,
        Float8E4M3FN => DataType.Float8E4M3FN,
        Float8E5M2 => DataType.Float8E5M2,
        UInt4 => DataType.UInt4,
        Int4 => DataType.Int4,
        _ => null,
    };

    /// <summary>The ONNX code for an element type.</summary>
    public static int FromDataType(DataType type) => type switch
    {
        DataType.Float32 => Float,
        DataType.UInt8 => UInt8,
        DataType.Int8 => Int8,
        DataType.UInt16 => UInt16,
        DataType.Int16 => Int16,
        DataType.Int32 => Int32,
        DataType.Int64 => Int64,
        DataType.String => String,
        DataType.Bool => Bool,
        DataType.Float16 => Float16,
        DataType.Float64 => Double,
        DataType.UInt32 => UInt32,
        DataType.UInt64 => UInt64,
        DataType.BFloat16 => BFloat16,
        DataType.Float8E4M3FN => Float8E4M3FN,
        DataType.Float8E5M2 => Float8E5M2,
        DataType.UInt4 => UInt4,
        DataType.Int4 => Int4,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>A readable name for an ONNX code.</summary>
    public static string Name(int code) => code switch
    {
        14 => "complex64",
        15 => "complex128",
        17 => "float8e4m3fn",
        18 => "float8e4m3fnuz",
        19 => "float8e5m2",
        20 => "float8e5m2fnuz",
        21 => "uint4",
        22 => "int4",
        23 => "float4e2m1",
        24 => "float8e8m0",
        _ => ToDataType(code)?.MilName() ?? $"type {code}",
    };

    /// <summary>Why an ONNX element type that MilForge cannot hold is refused, and what to do instead.</summary>
    public static string WhyUnsupported(int code) => code switch
    {
        14 or 15 => "Core ML has no complex types",
        18 or 20 or 23 or 24 => $"Core ML has no {Name(code)} type (of the 8-bit floats MilForge reads only float8e4m3fn and float8e5m2, "
            + "as float32, and no 4-bit float), so its values cannot be held; convert the model's " + Name(code) + " tensors to float16/float32 before export",
        _ => $"{Name(code)} has no Core ML counterpart",
    };

    /// <summary>
    /// The MIL element type an ONNX type becomes in a Core ML program: 64-bit and narrow integers become int32,
    /// double becomes fp32 (Core ML computes in fp16/fp32/int32/bool).
    /// </summary>
    public static DataType ToMil(DataType type) => type switch
    {
        DataType.Float64 or DataType.BFloat16 or DataType.Float8E4M3FN or DataType.Float8E5M2 => DataType.Float32,
        _ when type.IsInteger() && type != DataType.Int32 => DataType.Int32,
        _ => type,
    };
}
