using System.Buffers.Binary;
using MilForge.CoreML.Blob;
using MilForge.Diagnostics;

namespace MilForge.CoreML.Tests.Blob;

/// <summary>Every BlobDataType code of facts doc §5.4: writer → reader round trips, §5's LSB-first layout bit for bit, and corrupt sub-byte records.</summary>
public class AllBlobTypesTests
{
    private const string Name = "weights/weight.bin";

    private static readonly DataType[] BlobTypes = [.. Enum.GetValues<DataType>().Where(t => BlobDataType.Code(t) is not null)];

    public static TheoryData<DataType, int> TypesAndCounts()
    {
        var data = new TheoryData<DataType, int>();
        foreach (var type in BlobTypes)
        {
            foreach (var count in new[] { 0, 1, 3, 5, 8, 13, 64 })
            {
                data.Add(type, count);
            }
        }
        return data;
    }

    /// <summary>Random values covering the type: any raw bits for fp8, the whole range for sub-byte types.</summary>
    private static Tensor Sample(DataType type, int count, int seed)
    {
        var random = new Random(seed);
        var data = Array.CreateInstance(type.StorageType(), count);
        for (var i = 0; i < count; i++)
        {
            if (type.IsSubByte())
            {
                var (min, max) = SubByteIntegers.Range(type);
                Tensor.SetFromLongFor(type, data, i, random.Next(min, max + 1));
            }
            else
            {
                random.NextBytes(TensorBytes.AsBytes(data).Slice(i * type.ByteSize(), type.ByteSize()));
            }
        }
        return Tensor.Create(type, [count], data);
    }

    private static byte[] OneBlob(uint code, ulong size, ulong padding, byte[] data)
    {
        var bytes = new byte[128 + data.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 2);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(64), BlobStorageWriter.Sentinel);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(68), code);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(72), size);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(80), 128);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(88), padding);
        data.CopyTo(bytes, 128);
        return bytes;
    }

    private static string Fails(byte[] file, DataType type, int[] shape)
    {
        var e = Assert.Throws<DiagnosticException>(() => new BlobStorageReader(file, Name).Read(64, type, shape));
        Assert.Equal(DiagnosticCodes.PkgBadBlob, e.Code);
        Assert.Contains($"'{Name}' at offset 64:", e.Message);
        return e.Message;
    }

    [Fact]
    public void EveryCodeOfTheFormatHasAType() =>
        Assert.Equal(Enumerable.Range(1, 17).Select(c => (uint)c), BlobTypes.Select(t => BlobDataType.Code(t)!.Value).Order());

    [Theory]
    [MemberData(nameof(TypesAndCounts))]
    public void WriterToReaderRoundTrips(DataType type, int count)
    {
        var tensor = Sample(type, count, seed: count * 31 + (int)type);
        var writer = new BlobStorageWriter();
        writer.Append(Tensor.Scalar(1f).Reshape([1]));
        var offset = writer.Append(tensor);
        var file = writer.ToArray();
        var bits = type.BitWidth();
        var size = BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan((int)offset + 8));
        var padding = BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan((int)offset + 24));
        Assert.Equal(((ulong)count * (ulong)bits + 7) / 8, size);
        Assert.Equal(type.IsSubByte() ? (ulong)((8 - count * bits % 8) % 8) : 0UL, padding);
        Assert.Equal((ulong)count, (size * 8 - padding) / (ulong)bits);
        var back = new BlobStorageReader(file, Name).Read(offset, type, [count]);
        Assert.Equal(type, back.DataType);
        Assert.Equal(TensorBytes.ToArray(tensor), TensorBytes.ToArray(back));
    }

    /// <summary>Values, the bytes §5's rule gives (element i at bits [i·b, i·b+b), LSB first), and the padding bits.</summary>
    [Theory]
    [InlineData(DataType.UInt3, new long[] { 5, 3, 7, 1, 6 }, new byte[] { 0b1101_1101, 0b0110_0011 }, 1)]
    [InlineData(DataType.UInt6, new long[] { 63, 1, 42 }, new byte[] { 0b0111_1111, 0b1010_0000, 0b0000_0010 }, 6)]
    [InlineData(DataType.UInt6, new long[] { 1, 2, 3, 4 }, new byte[] { 0b1000_0001, 0b0011_0000, 0b0001_0000 }, 0)]
    [InlineData(DataType.Int4, new long[] { -8, 7, -1 }, new byte[] { 0x78, 0x0F }, 4)]
    [InlineData(DataType.UInt4, new long[] { 1, 2, 15, 9 }, new byte[] { 0x21, 0x9F }, 0)]
    [InlineData(DataType.UInt2, new long[] { 3, 0, 2, 1, 1 }, new byte[] { 0b0110_0011, 0b0000_0001 }, 6)]
    [InlineData(DataType.UInt1, new long[] { 1, 0, 1, 1, 0, 0, 0, 1, 1 }, new byte[] { 0b1000_1101, 0b0000_0001 }, 7)]
    public void SubByteLayoutIsLsbFirstBitForBit(DataType type, long[] values, byte[] data, int padding)
    {
        var code = BlobDataType.Code(type)!.Value;
        var read = new BlobStorageReader(OneBlob(code, (ulong)data.Length, (ulong)padding, data), Name).Read(64, type, [values.Length]);
        Assert.Equal(values, read.AsLongs());
        var writer = new BlobStorageWriter();
        writer.Append(Tensor.FromLongs(values, [values.Length], type));
        Assert.Equal(OneBlob(code, (ulong)data.Length, (ulong)padding, data), writer.ToArray());
    }

    [Fact]
    public void Float8AndBFloat16AreTheirRawBits()
    {
        var data = new byte[] { 0x7E, 0x80, 0x01, 0xC4 };
        var e4m3 = new BlobStorageReader(OneBlob(16, 4, 0, data), Name).Read(64, DataType.Float8E4M3FN, [4]);
        Assert.Equal([448, -0.0, 0.001953125, -3], e4m3.AsDoubles());
        var e5m2 = new BlobStorageReader(OneBlob(17, 4, 0, data), Name).Read(64, DataType.Float8E5M2, [2, 2]);
        Assert.Equal([double.NaN, -0.0, 1.52587890625e-05, -4], e5m2.AsDoubles());
        var bf16 = new BlobStorageReader(OneBlob(5, 4, 0, [0x80, 0x3F, 0x00, 0xC0]), Name).Read(64, DataType.BFloat16, [2]);
        Assert.Equal([1.0, -2.0], bf16.AsDoubles());
    }

    [Fact]
    public void ReservedFieldsAndWholeBytePaddingAreIgnored()
    {
        var file = OneBlob(3, 2, 0xDEAD, [7, 9]);
        file.AsSpan(96, 32).Fill(0xA5);
        Assert.Equal([7L, 9L], new BlobStorageReader(file, Name).Read(64, DataType.UInt8, [2]).AsLongs());
        var packed = OneBlob(BlobDataType.Code(DataType.UInt4)!.Value, 1, 4, [0xF3]);
        packed.AsSpan(96, 32).Fill(0xFF);
        Assert.Equal([3L], new BlobStorageReader(packed, Name).Read(64, DataType.UInt4, [1]).AsLongs());
    }

    [Theory]
    [InlineData(DataType.UInt3, 2UL, 8UL, new[] { 5 }, "padding bits")]          // padding must stay below 8
    [InlineData(DataType.UInt3, 0UL, 3UL, new[] { 0 }, "padding bits")]          // more padding than data
    [InlineData(DataType.UInt3, 2UL, 0UL, new[] { 5 }, "not a whole number")]    // 16 bits are not whole 3-bit elements
    [InlineData(DataType.UInt6, 3UL, 2UL, new[] { 4 }, "not a whole number")]
    [InlineData(DataType.UInt3, 2UL, 4UL, new[] { 5 }, "holds 4 uint3 elements")] // count disagrees with the shape
    [InlineData(DataType.Int4, 2UL, 0UL, new[] { 3 }, "holds 4 int4 elements")]
    [InlineData(DataType.UInt1, 2UL, 7UL, new[] { 65536, 65536 }, "more than the file holds")]
    [InlineData(DataType.UInt2, 4UL, 0UL, new[] { 8 }, "beyond the end")]           // size larger than the file
    [InlineData(DataType.Float8E5M2, 3UL, 0UL, new[] { 2 }, "needs 2")]
    public void CorruptSubByteAndFp8RecordsArePkg3003(DataType type, ulong size, ulong padding, int[] shape, string message)
    {
        var file = OneBlob(BlobDataType.Code(type)!.Value, size, padding, new byte[Math.Min(size, 3UL)]);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Contains(message, Fails(file, type, shape));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Fact]
    public void SubByteTypesAreNotInterchangeable() =>
        Assert.Contains("UInt4 data, but the const is int4", Fails(OneBlob(11, 1, 0, [0x21]), DataType.Int4, [2]));

    /// <summary>Random corruptions of sub-byte and fp8 records: every read either succeeds or fails with PKG3003.</summary>
    [Fact]
    public void RandomCorruptionsOnlyGivePkg3003()
    {
        DataType[] types = [DataType.UInt3, DataType.UInt6, DataType.Int4, DataType.UInt1, DataType.Float8E4M3FN];
        var writer = new BlobStorageWriter();
        var offsets = types.Select((t, i) => writer.Append(Sample(t, 11 + i, i))).ToArray();
        var valid = writer.ToArray();
        var random = new Random(3003);
        for (var trial = 0; trial < 2000; trial++)
        {
            var bytes = valid[..random.Next(valid.Length / 2, valid.Length + 1)];
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                var record = (int)offsets[random.Next(offsets.Length)];
                var at = record + random.Next(32);
                if (at < bytes.Length)
                {
                    bytes[at] = (byte)random.Next(256);
                }
            }
            var pick = random.Next(types.Length);
            try
            {
                new BlobStorageReader(bytes, Name).Read(offsets[pick], types[random.Next(types.Length)], [11 + pick + random.Next(-1, 2)]);
            }
            catch (DiagnosticException e)
            {
                Assert.Equal(DiagnosticCodes.PkgBadBlob, e.Code);
            }
        }
    }
}
