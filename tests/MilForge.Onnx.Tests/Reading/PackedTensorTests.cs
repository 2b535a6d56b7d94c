using Google.Protobuf;
using MilForge.Diagnostics;
using MilForge.Onnx.Protos;
using MilForge.Onnx.Reading;

namespace MilForge.Onnx.Tests.Reading;

/// <summary>ONNX int4/uint4 (two per byte, low nibble first) and fp8 tensors read from raw_data and int32_data.</summary>
public class PackedTensorTests
{
    private static TensorData Proto(int code, long[] dims, byte[]? raw = null, int[]? int32 = null)
    {
        var proto = new TensorData { Name = "t", DataType = code };
        proto.Dims.AddRange(dims);
        if (raw is not null)
        {
            proto.RawData = ByteString.CopyFrom(raw);
        }
        proto.Int32Data.AddRange(int32 ?? []);
        return proto;
    }

    [Theory]
    [InlineData(OnnxDataTypes.Int4, new byte[] { 0x78, 0xF1, 0x0E }, new long[] { -8, 7, 1, -1, -2 })]
    [InlineData(OnnxDataTypes.UInt4, new byte[] { 0x78, 0xF1, 0x0E }, new long[] { 8, 7, 1, 15, 14 })]
    public void FourBitRawDataUnpacksLowNibbleFirst(int code, byte[] raw, long[] expected)
    {
        var tensor = OnnxTensors.ToTensor(Proto(code, [expected.Length], raw), null, "t");
        Assert.Equal(code == OnnxDataTypes.Int4 ? DataType.Int4 : DataType.UInt4, tensor.DataType);
        Assert.Equal(expected, tensor.AsLongs());
        var packed = OnnxTensors.ToTensor(Proto(code, [expected.Length], int32: [.. raw.Select(b => (int)b)]), null, "t");
        Assert.Equal(expected, packed.AsLongs());
        Assert.Equal(raw, OnnxTensors.FromTensor(tensor, "t").RawData.ToByteArray());
    }

    [Theory]
    [InlineData(OnnxDataTypes.Float8E4M3FN, new[] { 448.0, -3, 0.001953125 })]
    [InlineData(OnnxDataTypes.Float8E5M2, new[] { 57344.0, -4, double.NegativeInfinity })]
    public void Float8ReadsFromRawDataAndInt32Data(int code, double[] values)
    {
        var type = OnnxDataTypes.ToDataType(code)!.Value;
        var bits = TensorBytes.ToArray(Tensor.FromDoubles(values, [values.Length], type));
        Assert.Equal(values, OnnxTensors.ToTensor(Proto(code, [values.Length], bits), null, "t").AsDoubles());
        Assert.Equal(values, OnnxTensors.ToTensor(Proto(code, [values.Length], int32: [.. bits.Select(b => (int)b)]), null, "t").AsDoubles());
        Assert.Equal(code, OnnxDataTypes.FromDataType(type));
    }

    [Theory]
    [InlineData(5, 2)]
    [InlineData(4, 3)]
    [InlineData(1, 0)]
    public void WrongPackedLengthIsADiagnostic(int count, int bytes)
    {
        var e = Assert.Throws<DiagnosticException>(() => OnnxTensors.ToTensor(Proto(OnnxDataTypes.Int4, [count], new byte[bytes]), null, "t"));
        Assert.Contains($"needs {(count + 1) / 2}", e.Message);
        Assert.Throws<DiagnosticException>(() => OnnxTensors.ToTensor(Proto(OnnxDataTypes.UInt4, [count], int32: new int[bytes]), null, "t"));
    }
}
