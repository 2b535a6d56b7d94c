using System.Buffers.Binary;
using MilForge.CoreML.Blob;
using MilForge.Diagnostics;

namespace MilForge.CoreML.Tests;

/// <summary>Corrupt weight files must give PKG3003 naming the file and offset: no other exception, no huge allocation.</summary>
public class BlobReaderTests
{
    private const string Name = "weights/weight.bin";

    private static readonly Tensor First = TestTensors.Uniform(1, [12]);
    private static readonly Tensor Second = TestTensors.Uniform(2, [3, 5]).CastTo(DataType.Float16);

    /// <summary>Two blobs: fp32 [12] at 64 (data 128..176) and fp16 [3, 5] at 192 (data 256..286).</summary>
    private static byte[] Valid()
    {
        var writer = new BlobStorageWriter();
        Assert.Equal(64UL, writer.Append(First));
        Assert.Equal(192UL, writer.Append(Second));
        Assert.Equal(64UL, writer.Append(TestTensors.Uniform(1, [12])));
        return writer.ToArray();
    }

    private static DiagnosticException Fails(Action read, ulong offset)
    {
        var e = Assert.Throws<DiagnosticException>(read);
        Assert.Equal(DiagnosticCodes.PkgBadBlob, e.Code);
        Assert.Contains($"'{Name}' at offset {offset}:", e.Message);
        return e;
    }

    [Fact]
    public void ValidFileReadsBack()
    {
        var bytes = Valid();
        Assert.Equal(286, bytes.Length);
        var reader = new BlobStorageReader(bytes, Name);
        Assert.Equal(2u, reader.BlobCount);
        Assert.Equal(First.AsFloats(), reader.Read(64, DataType.Float32, [12]).AsFloats());
        Assert.Equal(Second.AsFloats(), reader.Read(192, DataType.Float16, [3, 5]).AsFloats());
        Assert.Equal(First.AsFloats(), reader.Read(64, DataType.Float32, [3, 4]).AsFloats());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(63)]
    public void TruncatedHeader(int length) => Fails(() => _ = new BlobStorageReader(Valid()[..length], Name), 0);

    [Theory]
    [InlineData(1u)]
    [InlineData(3u)]
    [InlineData(0x02000000u)]
    public void WrongVersion(uint version)
    {
        var bytes = Valid();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), version);
        var e = Fails(() => _ = new BlobStorageReader(bytes, Name), 4);
        Assert.Contains($"version {version}", e.Message);
    }

    [Fact]
    public void WrongSentinel()
    {
        var bytes = Valid();
        bytes[192] ^= 0xFF;
        Assert.Contains("sentinel", Fails(() => new BlobStorageReader(bytes, Name).Read(192, DataType.Float16, [3, 5]), 192).Message);
        Fails(() => new BlobStorageReader(bytes, Name).Read(128, DataType.Float32, [12]), 128);
    }

    [Theory]
    [InlineData(DataType.Float16)]
    [InlineData(DataType.Int8)]
    [InlineData(DataType.Int32)]
    [InlineData(DataType.Bool)]
    [InlineData(DataType.String)]
    public void DtypeMismatch(DataType type) =>
        Assert.Contains("Float32", Fails(() => new BlobStorageReader(Valid(), Name).Read(64, type, [12]), 64).Message);

    [Theory]
    [InlineData(286UL)]
    [InlineData(250UL)]
    [InlineData(1UL << 40)]
    [InlineData(ulong.MaxValue)]
    public void RecordOffsetBeyondTheFile(ulong offset) => Fails(() => new BlobStorageReader(Valid(), Name).Read(offset, DataType.Float32, [12]), offset);

    [Theory]
    [InlineData(49UL, 128UL)]
    [InlineData(1UL << 62, 128UL)]
    [InlineData(ulong.MaxValue, 128UL)]
    [InlineData(48UL, 260UL)]
    [InlineData(48UL, 1UL << 50)]
    [InlineData(8UL, ulong.MaxValue)]
    public void SizeOrDataOffsetBeyondTheFile(ulong size, ulong dataOffset)
    {
        var bytes = Valid();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(64 + 8), size);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(64 + 16), dataOffset);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Fails(() => new BlobStorageReader(bytes, Name).Read(64, DataType.Float32, [12]), 64);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "the reader allocated more than 1 MiB for a corrupt record");
    }

    [Fact]
    public void TruncatedData() => Fails(() => new BlobStorageReader(Valid()[..280], Name).Read(192, DataType.Float16, [3, 5]), 192);

    [Theory]
    [InlineData(new[] { 13 })]
    [InlineData(new[] { 2, 5 })]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 100000, 100000 })]
    [InlineData(new[] { 65536, 65536, 65536 })]
    public void ShapeThatDoesNotMatchTheSize(int[] shape)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        Fails(() => new BlobStorageReader(Valid(), Name).Read(64, DataType.Float32, shape), 64);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    /// <summary>Random truncations and byte corruptions: every read either succeeds or fails with PKG3003.</summary>
    [Fact]
    public void RandomCorruptionsOnlyGivePkg3003()
    {
        var random = new Random(3003);
        var valid = Valid();
        for (var trial = 0; trial < 2000; trial++)
        {
            var bytes = valid[..random.Next(valid.Length + 1)];
            for (var flips = random.Next(4); flips > 0 && bytes.Length > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            try
            {
                var reader = new BlobStorageReader(bytes, Name);
                var (offset, type, shape) = random.Next(3) switch
                {
                    0 => (64UL, DataType.Float32, new[] { 12 }),
                    1 => (192UL, DataType.Float16, new[] { 3, 5 }),
                    _ => ((ulong)random.Next(-10, 400), random.Next(2) == 0 ? DataType.Float32 : DataType.Float16, new[] { random.Next(0, 20) }),
                };
                reader.Read(offset, type, shape);
            }
            catch (DiagnosticException e)
            {
                Assert.Equal(DiagnosticCodes.PkgBadBlob, e.Code);
                Assert.Contains(Name, e.Message);
            }
        }
    }
}
