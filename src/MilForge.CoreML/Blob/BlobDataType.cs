using MilForge.Numerics;

namespace MilForge.CoreML.Blob;

/// <summary>
/// Element type codes of blob storage v2 metadata records (facts doc §5.4) — a different numbering from MIL's
/// DataType enum.
/// </summary>
public static class BlobDataType
{
    /// <summary>The blob code for an element type, or null when blobs cannot hold it.</summary>
    public static uint? Code(DataType type) => type switch
    {
        DataType.Float16 => 1,
        DataType.Float32 => 2,
        DataType.UInt8 => 3,
        DataType.Int8 => 4,
        DataType.BFloat16 => 5,
        DataType.Int16 => 6,
        DataType.UInt16 => 7,
        DataType.Int4 => 8,
        DataType.UInt1 => 9,
        DataType.UInt2 => 10,
        DataType.UInt4 => 11,
        DataType.UInt3 => 12,
        DataType.UInt6 => 13,
        DataType.Int32 => 14,
        DataType.UInt32 => 15,
        DataType.Float8E4M3FN => 16,
        DataType.Float8E5M2 => 17,
        _ => null,
    };

    /// <summary>A readable name for a blob code.</summary>
    public static string Name(uint code) => code switch
    {
        1 => "Float16",
        2 => "Float32",
        3 => "UInt8",
        4 => "Int8",
        5 => "BFloat16",
        6 => "Int16",
        7 => "UInt16",
        8 => "Int4",
        9 => "UInt1",
        10 => "UInt2",
        11 => "UInt4",
        12 => "UInt3",
        13 => "UInt6",
        14 => "Int32",
        15 => "UInt32",
        16 => "Float8E4M3FN",
        17 => "Float8E5M2",
        _ => $"unknown code {code}",
    };
}
