using System.Buffers.Binary;
using MilForge.Diagnostics;
using MilForge.Numerics;

namespace MilForge.CoreML.Blob;

/// <summary>
/// Reads MIL blob storage v2 with a bounds check on every field: header version 2, sentinel, dtype code matching the
/// requested type, size equal to what the tensor needs, data inside the file. Every failure is PKG3003 naming the
/// file and offset; a declared size the file cannot back is rejected before anything is allocated.
/// </summary>
public sealed class BlobStorageReader
{
    private readonly byte[] _bytes;
    private readonly string _path;

    /// <summary>Wraps the bytes of a weight file; <paramref name="path"/> is used in diagnostics.</summary>
    public BlobStorageReader(byte[] bytes, string path)
    {
        _bytes = bytes;
        _path = path;
        if (bytes.Length < BlobStorageWriter.RecordSize)
        {
            throw Bad(0, $"is {bytes.Length} bytes, shorter than the 64-byte storage header");
        }
        var version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        if (version != 2)
        {
            throw Bad(4, $"has storage version {version}; only version 2 is supported");
        }
        BlobCount = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
    }

    /// <summary>The blob count from the header.</summary>
    public uint BlobCount { get; }

    /// <summary>Reads the blob whose metadata record is at <paramref name="offset"/> as a tensor of the given type and shape.</summary>
    public Tensor Read(ulong offset, DataType dataType, int[] shape)
    {
        if (offset > (ulong)_bytes.Length || (ulong)_bytes.Length - offset < BlobStorageWriter.RecordSize)
        {
            throw Bad(offset, "metadata record lies beyond the end of the file");
        }
        var record = _bytes.AsSpan((int)offset, BlobStorageWriter.RecordSize);
        var sentinel = BinaryPrimitives.ReadUInt32LittleEndian(record);
        if (sentinel != BlobStorageWriter.Sentinel)
        {
            throw Bad(offset, $"has sentinel 0x{sentinel:X8}, expected 0xDEADBEEF");
        }
        var code = BinaryPrimitives.ReadUInt32LittleEndian(record[4..]);
        var size = BinaryPrimitives.ReadUInt64LittleEndian(record[8..]);
        var dataOffset = BinaryPrimitives.ReadUInt64LittleEndian(record[16..]);
        var expectedCode = BlobDataType.Code(dataType);
        if (expectedCode != code)
        {
            throw Bad(offset, $"holds {BlobDataType.Name(code)} data, but the const is {dataType.MilName()}");
        }
        if (dataOffset > (ulong)_bytes.Length || size > (ulong)_bytes.Length - dataOffset)
        {
            throw Bad(offset, $"declares {size} bytes at offset {dataOffset}, beyond the end of the {_bytes.Length}-byte file");
        }
        var needed = NeededBytes(dataType, shape);
        if (size != needed)
        {
            var what = needed is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"more than the file's {_bytes.Length}";
            throw Bad(offset, $"holds {size} bytes, but shape [{string.Join(",", shape)}] of {dataType.MilName()} needs {what}");
        }
        return TensorBytes.FromBytes(dataType, shape, _bytes.AsSpan((int)dataOffset, (int)size));
    }

    /// <summary>The byte size of a tensor, or null when it is negative or larger than the file (then it cannot match).</summary>
    private ulong? NeededBytes(DataType dataType, int[] shape)
    {
        // Stop multiplying once past the file size: the product of an arbitrary shape must not overflow.
        ulong needed = (ulong)dataType.ByteSize();
        var tooLarge = false;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                return null;
            }
            if (d == 0)
            {
                return 0;
            }
            tooLarge |= needed > (ulong)_bytes.Length;
            needed = tooLarge ? needed : needed * (ulong)d;
        }
        return tooLarge || needed > (ulong)_bytes.Length ? null : needed;
    }

    private DiagnosticException Bad(ulong offset, string message) =>
        new(DiagnosticCodes.PkgBadBlob, $"'{_path}' at offset {offset}: blob {message}.");
}
