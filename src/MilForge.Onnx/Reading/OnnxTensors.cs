using System.Text;
using Google.Protobuf;
using MilForge.Diagnostics;
using MilForge.Numerics;
using MilForge.Onnx.Protos;

namespace MilForge.Onnx.Reading;

/// <summary>
/// Converts ONNX <c>TensorProto</c>s to tensors and back: raw_data (little-endian; int4/uint4 packed two per byte, low
/// nibble first), the typed repeated fields, and external data resolved safely against the model's folder.
/// </summary>
public static class OnnxTensors
{
    /// <summary>
    /// Reads a tensor. <paramref name="baseDirectory"/> resolves external data (null forbids it); <paramref name="what"/>
    /// names the tensor's place in diagnostics.
    /// </summary>
    public static Tensor ToTensor(TensorData proto, string? baseDirectory, string what)
    {
        var dataType = OnnxDataTypes.ToDataType(proto.DataType)
            ?? throw new DiagnosticException(DiagnosticCodes.OnnxUnsupportedType,
                $"{what}: element type {OnnxDataTypes.Name(proto.DataType)} is not supported.");
        var shape = new int[proto.Dims.Count];
        long count = 1;
        for (var i = 0; i < shape.Length; i++)
        {
            if (proto.Dims[i] < 0 || proto.Dims[i] > int.MaxValue)
            {
                throw Bad(what, $"dimension {proto.Dims[i]} is invalid");
            }
            shape[i] = (int)proto.Dims[i];
            count *= shape[i];
            if (count > int.MaxValue)
            {
                throw Bad(what, "has too many elements");
            }
        }
        var n = (int)count;
        if (proto.HasDataLocation && proto.DataLocation == TensorData.Types.Location.External)
        {
            var bytes = ExternalData.Read(proto, baseDirectory, what, TensorBytes.PackedLength(dataType, n));
            return FromRaw(dataType, shape, bytes, what);
        }
        if (proto.HasRawData)
        {
            return FromRaw(dataType, shape, proto.RawData.Span, what);
        }
        return FromTypedFields(proto, dataType, shape, n, what);
    }

    private static Tensor FromRaw(DataType dataType, int[] shape, ReadOnlySpan<byte> raw, string what)
    {
        var n = Broadcasting.Product(shape);
        if (dataType == DataType.String)
        {
            throw Bad(what, "string tensors cannot use raw_data");
        }
        var needed = TensorBytes.PackedLength(dataType, n);
        if (raw.Length != needed)
        {
            throw Bad(what, $"raw data has {raw.Length} bytes, shape [{string.Join(",", shape)}] of {dataType.MilName()} needs {needed}");
        }
        return TensorBytes.FromPackedBytes(dataType, shape, raw);
    }

    private static Tensor FromTypedFields(TensorData proto, DataType dataType, int[] shape, int n, string what)
    {
        if (dataType.IsSubByte())
        {
            // int32_data holds one packed byte (two 4-bit elements) per entry.
            var packed = proto.Int32Data.Select(v => unchecked((byte)v)).ToArray();
            var needed = TensorBytes.PackedLength(dataType, n);
            if (packed.Length != needed)
            {
                throw Bad(what, $"holds {packed.Length} packed bytes, shape [{string.Join(",", shape)}] of {dataType.MilName()} needs {needed}");
            }
            return TensorBytes.FromPackedBytes(dataType, shape, packed);
        }
        var data = Array.CreateInstance(dataType.StorageType(), n);
        int available;
        switch (dataType)
        {
            case DataType.Float32:
                available = proto.FloatData.Count;
                Fill(proto.FloatData, n, i => ((float[])data)[i] = proto.FloatData[i]);
                break;
            case DataType.Float64:
                available = proto.DoubleData.Count;
                Fill(proto.DoubleData, n, i => ((double[])data)[i] = proto.DoubleData[i]);
                break;
            case DataType.Int64:
                available = proto.Int64Data.Count;
                Fill(proto.Int64Data, n, i => ((long[])data)[i] = proto.Int64Data[i]);
                break;
            case DataType.UInt32 or DataType.UInt64:
                available = proto.Uint64Data.Count;
                for (var i = 0; i < Math.Min(n, available); i++)
                {
                    if (data is uint[] u)
                    {
                        u[i] = (uint)proto.Uint64Data[i];
                    }
                    else
                    {
                        ((ulong[])data)[i] = proto.Uint64Data[i];
                    }
                }
                break;
            case DataType.String:
                available = proto.StringData.Count;
                for (var i = 0; i < Math.Min(n, available); i++)
                {
                    ((string[])data)[i] = Encoding.UTF8.GetString(proto.StringData[i].Span);
                }
                break;
            default:
                // int32_data carries int32, int16, int8, uint16, uint8 and bool, and the bits of fp16/bf16/fp8.
                available = proto.Int32Data.Count;
                for (var i = 0; i < Math.Min(n, available); i++)
                {
                    var v = proto.Int32Data[i];
                    switch (dataType)
                    {
                        case DataType.Float16: ((Half[])data)[i] = BitConverter.UInt16BitsToHalf((ushort)v); break;
                        case DataType.BFloat16: ((ushort[])data)[i] = (ushort)v; break;
                        case DataType.Float8E4M3FN or DataType.Float8E5M2: ((byte[])data)[i] = unchecked((byte)v); break;
                        case DataType.Int32 or DataType.Int16 or DataType.Int8 or DataType.UInt16 or DataType.UInt8 or DataType.Bool:
                            Tensor.SetFromLongFor(dataType, data, i, v);
                            break;
                        default: throw Bad(what, $"cannot read {dataType.MilName()} from int32_data");
                    }
                }
                break;
        }
        if (available != n)
        {
            throw Bad(what, $"holds {available} values, shape [{string.Join(",", shape)}] needs {n}");
        }
        return Tensor.Create(dataType, shape, data);
    }

    private static void Fill<T>(IList<T> source, int n, Action<int> set)
    {
        for (var i = 0; i < Math.Min(n, source.Count); i++)
        {
            set(i);
        }
    }

    /// <summary>Writes a tensor as a TensorProto with raw_data (strings use string_data).</summary>
    public static TensorData FromTensor(Tensor tensor, string name)
    {
        var proto = new TensorData { Name = name, DataType = OnnxDataTypes.FromDataType(tensor.DataType) };
        proto.Dims.AddRange(tensor.Shape.Select(d => (long)d));
        switch (tensor.Data)
        {
            case string[] strings:
                proto.StringData.AddRange(strings.Select(ByteString.CopyFromUtf8));
                break;
            default:
                proto.RawData = UnsafeByteOperations.UnsafeWrap(TensorBytes.ToPackedArray(tensor));
                break;
        }
        return proto;
    }

    /// <summary>Reads a serialized TensorProto file (ONNX test-data <c>.pb</c>).</summary>
    public static (string Name, Tensor Tensor) ReadFile(string path)
    {
        TensorData proto;
        try
        {
            proto = TensorData.Parser.ParseFrom(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or IOException or UnauthorizedAccessException)
        {
            throw new DiagnosticException(DiagnosticCodes.CliBadTensorFile, $"'{path}' is not a readable ONNX TensorProto: {e.Message}");
        }
        return (proto.Name, ToTensor(proto, null, $"'{path}'"));
    }

    /// <summary>A tensor as the bytes of a serialized TensorProto (the content of an <c>output_K.pb</c> file).</summary>
    public static byte[] ToBytes(Tensor tensor, string name) => FromTensor(tensor, name).ToByteArray();

    /// <summary>Writes a tensor as a serialized TensorProto file.</summary>
    public static void WriteFile(string path, Tensor tensor, string name)
    {
        File.WriteAllBytes(path, FromTensor(tensor, name).ToByteArray());
    }

    private static DiagnosticException Bad(string what, string message) =>
        new(DiagnosticCodes.OnnxBadGraph, $"{what}: {message}.");
}
