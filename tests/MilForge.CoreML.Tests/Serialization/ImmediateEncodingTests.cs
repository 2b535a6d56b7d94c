using Google.Protobuf;
using MilForge.CoreML.Protos;
using MilForge.CoreML.Serialization;
using MilForge.Diagnostics;
using Case = MilForge.CoreML.Protos.TensorValue.ValueOneofCase;

namespace MilForge.CoreML.Tests.Serialization;

/// <summary>Immediate values of every element type are encoded as facts doc §3.3 says and decode back; bad byte counts are PKG3004.</summary>
public class ImmediateEncodingTests
{
    private const string Where = "const 'w'";

    /// <summary>The TensorValue member §3.3 assigns to each type (bf16 and fp8 are raw bytes too).</summary>
    private static Case Member(DataType type) => type switch
    {
        DataType.Float32 => Case.Floats,
        DataType.Float64 => Case.Doubles,
        DataType.Int32 or DataType.Int16 or DataType.UInt16 => Case.Ints,
        DataType.Int64 or DataType.UInt64 => Case.LongInts,
        DataType.Bool => Case.Bools,
        DataType.String => Case.Strings,
        _ => Case.Bytes,
    };

    public static TheoryData<DataType, int[]> TypesAndShapes()
    {
        var data = new TheoryData<DataType, int[]>();
        foreach (var type in Enum.GetValues<DataType>())
        {
            foreach (var shape in new[] { Array.Empty<int>(), [0], [7], [2, 3], [3, 5] })
            {
                data.Add(type, shape);
            }
        }
        return data;
    }

    private static Tensor Sample(DataType type, int[] shape)
    {
        var n = Broadcasting.Product(shape);
        if (type == DataType.String)
        {
            return Tensor.Create(DataType.String, shape, Enumerable.Range(0, n).Select(i => $"s{i}é").ToArray());
        }
        var (min, max) = type.IsSubByte() ? SubByteIntegers.Range(type) : (-3, 9);
        var data = Array.CreateInstance(type.StorageType(), n);
        for (var i = 0; i < n; i++)
        {
            if (type is DataType.Float8E4M3FN or DataType.Float8E5M2)
            {
                ((byte[])data)[i] = (byte)(i * 37 + 11);
            }
            else
            {
                Tensor.SetFromLongFor(type, data, i, min + (i * 5 % (max - min + 1)));
            }
        }
        return Tensor.Create(type, shape, data);
    }

    private static TensorValue Reparsed(TensorValue value) => TensorValue.Parser.ParseFrom(value.ToByteArray());

    [Theory]
    [MemberData(nameof(TypesAndShapes))]
    public void EveryTypeRoundTripsThroughItsMember(DataType type, int[] shape)
    {
        var tensor = Sample(type, shape);
        var encoded = Reparsed(TensorValueCodec.Encode(tensor));
        Assert.Equal(Member(type), encoded.ValueCase);
        if (encoded.ValueCase == Case.Bytes)
        {
            Assert.Equal(TensorBytes.ToPackedArray(tensor), encoded.Bytes.Values.ToByteArray());
            Assert.Equal(PackedBits.ByteCount(type.BitWidth(), tensor.Length), encoded.Bytes.Values.Length);
        }
        var back = TensorValueCodec.Decode(encoded, type, shape, Where);
        Assert.Equal(type, back.DataType);
        Assert.Equal(shape, back.ShapeArray());
        if (type == DataType.String)
        {
            Assert.Equal(tensor.Storage<string>(), back.Storage<string>());
        }
        else
        {
            Assert.Equal(TensorBytes.ToArray(tensor), TensorBytes.ToArray(back));
        }
    }

    [Theory]
    [InlineData(DataType.UInt3, new long[] { 5, 3, 7, 1, 6 }, new byte[] { 0xDD, 0x63 })]
    [InlineData(DataType.UInt6, new long[] { 63, 1, 42 }, new byte[] { 0x7F, 0xA0, 0x02 })]
    [InlineData(DataType.Int4, new long[] { -8, 7, -1 }, new byte[] { 0x78, 0x0F })]
    [InlineData(DataType.UInt1, new long[] { 1, 0, 1 }, new byte[] { 0x05 })]
    [InlineData(DataType.UInt2, new long[] { 1, 2, 3, 0 }, new byte[] { 0x39 })]
    [InlineData(DataType.UInt4, new long[] { 10 }, new byte[] { 0x0A })]
    [InlineData(DataType.Float16, new long[] { 1, -2 }, new byte[] { 0x00, 0x3C, 0x00, 0xC0 })]
    [InlineData(DataType.UInt32, new long[] { 258 }, new byte[] { 0x02, 0x01, 0x00, 0x00 })]
    [InlineData(DataType.Int8, new long[] { -1, 2 }, new byte[] { 0xFF, 0x02 })]
    [InlineData(DataType.Float8E4M3FN, new long[] { 448, -3 }, new byte[] { 0x7E, 0xC4 })]
    [InlineData(DataType.Float8E5M2, new long[] { -4, 1 }, new byte[] { 0xC4, 0x3C })]
    public void BytesAreLittleEndianAndSubBytePackedLsbFirst(DataType type, long[] values, byte[] expected)
    {
        var tensor = Tensor.FromLongs(values, [values.Length], type);
        Assert.Equal(expected, TensorValueCodec.Encode(tensor).Bytes.Values.ToByteArray());
        var decoded = TensorValueCodec.Decode(Bytes(expected), type, [values.Length], Where);
        Assert.Equal(values, decoded.AsLongs());
    }

    private static TensorValue Bytes(byte[] bytes) => new() { Bytes = new TensorValue.Types.RepeatedBytes { Values = ByteString.CopyFrom(bytes) } };

    [Theory]
    [InlineData(DataType.UInt3, new[] { 5 }, 1)]     // 15 bits need 2 bytes
    [InlineData(DataType.UInt3, new[] { 5 }, 3)]
    [InlineData(DataType.UInt6, new[] { 4 }, 4)]     // 24 bits are exactly 3 bytes
    [InlineData(DataType.Int4, new int[0], 0)]
    [InlineData(DataType.UInt1, new[] { 9 }, 1)]
    [InlineData(DataType.Float16, new[] { 3 }, 5)]
    [InlineData(DataType.Float8E4M3FN, new[] { 2, 2 }, 3)]
    [InlineData(DataType.UInt32, new[] { 1 }, 8)]
    [InlineData(DataType.String, new[] { 1 }, 1)]
    public void WrongByteCountsArePkg3004(DataType type, int[] shape, int length)
    {
        var e = Assert.Throws<DiagnosticException>(() => TensorValueCodec.Decode(Bytes(new byte[length]), type, shape, Where));
        Assert.Equal(DiagnosticCodes.PkgBadModel, e.Code);
        Assert.Contains($"{Where}: immediate value has {length} bytes", e.Message);
    }
}
