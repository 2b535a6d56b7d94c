using System.Buffers.Binary;
using System.Security.Cryptography;
using MilForge.Numerics;

namespace MilForge.CoreML.Blob;

/// <summary>
/// Writes MIL blob storage v2 (<c>weight.bin</c>, facts doc §5): a 64-byte header (count, version 2), then for each
/// blob a 64-byte metadata record (sentinel 0xDEADBEEF, dtype code, size, absolute data offset, padding bits) at a
/// 64-byte-aligned offset followed directly by the data. Sub-byte data is packed LSB-first and padding_size_in_bits
/// counts the unused bits of its last byte (which are zero). Padding bytes are zero; the file ends after the last data.
/// Identical blobs are stored once.
/// </summary>
public sealed class BlobStorageWriter
{
    /// <summary>Size of the storage header and of each metadata record.</summary>
    public const int RecordSize = 64;

    /// <summary>The metadata sentinel.</summary>
    public const uint Sentinel = 0xDEADBEEF;

    private readonly MemoryStream _stream = new();
    private readonly Dictionary<string, ulong> _offsets = new(StringComparer.Ordinal);
    private uint _count;

    /// <summary>Creates a writer with an empty header.</summary>
    public BlobStorageWriter() => _stream.Write(new byte[RecordSize]);

    /// <summary>Number of distinct blobs written.</summary>
    public int Count => (int)_count;

    /// <summary>Appends a tensor's data and returns the offset of its metadata record (what a const's blobFileValue stores).</summary>
    public ulong Append(Tensor tensor)
    {
        var code = BlobDataType.Code(tensor.DataType)
            ?? throw new ArgumentException($"{tensor.DataType.MilName()} tensors cannot be stored in a weight blob.");
        var data = TensorBytes.ToPackedArray(tensor);
        var padding = tensor.DataType.IsSubByte() ? PackedBits.PaddingBits(tensor.DataType.BitWidth(), tensor.Length) : 0;
        // The padding is part of the key: int4 [a, b, c] and [a, b, c, 0] pack to the same bytes.
        var key = $"{code}:{padding}:{Convert.ToHexString(SHA256.HashData(data))}";
        if (_offsets.TryGetValue(key, out var existing))
        {
            return existing;
        }
        var metadataOffset = (ulong)Align(_stream.Length);
        _stream.SetLength((long)metadataOffset);
        _stream.Position = (long)metadataOffset;
        Span<byte> record = stackalloc byte[RecordSize];
        record.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(record, Sentinel);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], code);
        BinaryPrimitives.WriteUInt64LittleEndian(record[8..], (ulong)data.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(record[16..], metadataOffset + RecordSize);
        BinaryPrimitives.WriteUInt64LittleEndian(record[24..], (ulong)padding);
        _stream.Write(record);
        _stream.Write(data);
        _count++;
        _offsets[key] = metadataOffset;
        return metadataOffset;
    }

    /// <summary>The complete file contents (header count updated).</summary>
    public byte[] ToArray()
    {
        var bytes = _stream.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, _count);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 2);
        return bytes;
    }

    private static long Align(long offset) => (offset + RecordSize - 1) / RecordSize * RecordSize;
}
