using System.Buffers.Binary;
using MilForge.Diagnostics;
using MilForge.Numerics;

namespace MilForge.CoreML.Blob;

/// <summary>
/// Reads MIL blob storage v2 (facts doc §5) with a bounds check on every field: header version 2, sentinel, dtype code
/// matching the requested type, data inside the file, and a size that holds exactly the tensor's elements (for sub-byte
/// types: padding_size_in_bits below 8 and (size·8 − padding)/bits a whole number equal to the element count). Every
/// failure is PKG3003 naming the file and offset; a declared size the file cannot back is rejected before anything is
/// allocated. The reserved fields are ignored.
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
        var count = ElementCount(shape);
        var what = count is { } c ? c.ToString(System.Globalization.CultureInfo.InvariantCulture) : "more than the file holds";
        if (dataType.IsSubByte())
        {
            // Only sub-byte blobs use padding_size_in_bits; for whole-byte types the field is not read.
            var padding = BinaryPrimitives.ReadUInt64LittleEndian(record[24..]);
            var bits = (ulong)dataType.BitWidth();
            if (padding >= 8 || padding > size * 8)
            {
                throw Bad(offset, $"declares {padding} padding bits in {size} bytes; at most 7 (and no more than the data) are allowed");
            }
            if ((size * 8 - padding) % bits != 0)
            {
                throw Bad(offset, $"holds {size} bytes less {padding} padding bits, not a whole number of {bits}-bit {dataType.MilName()} elements");
            }
            var held = (size * 8 - padding) / bits;
            if (held != count)
            {
                throw Bad(offset, $"holds {held} {dataType.MilName()} elements, but shape [{string.Join(",", shape)}] needs {what}");
            }
        }
        else if (size != count * (ulong)dataType.ByteSize())
        {
            var needed = count is { } n ? (n * (ulong)dataType.ByteSize()).ToString(System.Globalization.CultureInfo.InvariantCulture) : what;
            throw Bad(offset, $"holds {size} bytes, but shape [{string.Join(",", shape)}] of {dataType.MilName()} needs {needed}");
        }
        return TensorBytes.FromPackedBytes(dataType, shape, _bytes.AsSpan((int)dataOffset, (int)size));
    }

    /// <summary>The element count of a shape, or null when it is negative or exceeds the file's bit count (then it cannot match).</summary>
    private ulong? ElementCount(int[] shape)
    {
        // Clamp just past the limit after each step: the product of an arbitrary shape must not overflow.
        var limit = (ulong)_bytes.Length * 8;
        ulong count = 1;
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
            var product = (UInt128)count * (ulong)d;
            count = product > limit ? limit + 1 : (ulong)product;
        }
        return count > limit ? null : count;
    }

    private DiagnosticException Bad(ulong offset, string message) =>
        new(DiagnosticCodes.PkgBadBlob, $"'{_path}' at offset {offset}: blob {message}.");
}
