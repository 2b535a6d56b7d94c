using Google.Protobuf;
using MilForge.CoreML.Protos;
using MilForge.Diagnostics;
using MilForge.Numerics;

namespace MilForge.CoreML.Serialization;

/// <summary>
/// Immediate tensor values as coremltools encodes them (facts doc §3.3): fp32 → floats, fp64 → doubles,
/// int32/int16/uint16 → ints, int64/uint64 → longInts, bool → bools, string → strings, and fp16/int8/uint8/uint32 →
/// raw little-endian bytes.
/// </summary>
public static class TensorValueCodec
{
    /// <summary>Encodes a tensor's elements.</summary>
    public static TensorValue Encode(Tensor tensor)
    {
        var value = new TensorValue();
        switch (tensor.DataType)
        {
            case DataType.Float32:
                value.Floats = new TensorValue.Types.RepeatedFloats();
                value.Floats.Values.AddRange(tensor.Storage<float>());
                break;
            case DataType.Float64:
                value.Doubles = new TensorValue.Types.RepeatedDoubles();
                value.Doubles.Values.AddRange(tensor.Storage<double>());
                break;
            case DataType.Int32 or DataType.Int16 or DataType.UInt16:
                value.Ints = new TensorValue.Types.RepeatedInts();
                value.Ints.Values.AddRange(tensor.AsInts());
                break;
            case DataType.Int64 or DataType.UInt64:
                value.LongInts = new TensorValue.Types.RepeatedLongInts();
                value.LongInts.Values.AddRange(tensor.AsLongs());
                break;
            case DataType.Bool:
                value.Bools = new TensorValue.Types.RepeatedBools();
                value.Bools.Values.AddRange(tensor.Storage<bool>());
                break;
            case DataType.String:
                value.Strings = new TensorValue.Types.RepeatedStrings();
                value.Strings.Values.AddRange(tensor.Storage<string>());
                break;
            default:
                value.Bytes = new TensorValue.Types.RepeatedBytes { Values = ByteString.CopyFrom(TensorBytes.AsBytes(tensor.Data)) };
                break;
        }
        return value;
    }

    /// <summary>Decodes elements into a tensor of the declared type and shape; PKG3004 when the count or encoding is wrong.</summary>
    public static Tensor Decode(TensorValue value, DataType dataType, int[] shape, string where)
    {
        var n = Broadcasting.Product(shape);
        Array data = Array.CreateInstance(dataType.StorageType(), n);
        int available;
        switch (value.ValueCase)
        {
            case TensorValue.ValueOneofCase.Floats:
                available = value.Floats.Values.Count;
                Copy(available, n, i => Tensor.SetFromDoubleFor(dataType, data, i, value.Floats.Values[i]));
                break;
            case TensorValue.ValueOneofCase.Doubles:
                available = value.Doubles.Values.Count;
                Copy(available, n, i => Tensor.SetFromDoubleFor(dataType, data, i, value.Doubles.Values[i]));
                break;
            case TensorValue.ValueOneofCase.Ints:
                available = value.Ints.Values.Count;
                Copy(available, n, i => Tensor.SetFromLongFor(dataType, data, i, value.Ints.Values[i]));
                break;
            case TensorValue.ValueOneofCase.LongInts:
                available = value.LongInts.Values.Count;
                Copy(available, n, i => Tensor.SetFromLongFor(dataType, data, i, value.LongInts.Values[i]));
                break;
            case TensorValue.ValueOneofCase.Bools:
                available = value.Bools.Values.Count;
                Copy(available, n, i => Tensor.SetFromLongFor(dataType, data, i, value.Bools.Values[i] ? 1 : 0));
                break;
            case TensorValue.ValueOneofCase.Strings:
                if (dataType != DataType.String)
                {
                    throw Bad(where, $"strings given for a {dataType.MilName()} tensor");
                }
                available = value.Strings.Values.Count;
                Copy(available, n, i => ((string[])data)[i] = value.Strings.Values[i]);
                break;
            case TensorValue.ValueOneofCase.Bytes:
                var size = dataType.ByteSize();
                var bytes = value.Bytes.Values.Span;
                if (size == 0 || bytes.Length % size != 0)
                {
                    throw Bad(where, $"{bytes.Length} bytes do not hold whole {dataType.MilName()} elements");
                }
                available = bytes.Length / size;
                if (available == n)
                {
                    data = TensorBytes.FromBytes(dataType, shape, bytes).Data;
                }
                break;
            default:
                available = 0;
                break;
        }
        if (available != n)
        {
            throw Bad(where, $"holds {available} elements, shape [{string.Join(",", shape)}] needs {n}");
        }
        return Tensor.Create(dataType, shape, data);
    }

    private static void Copy(int available, int n, Action<int> set)
    {
        if (available != n)
        {
            return;
        }
        for (var i = 0; i < n; i++)
        {
            set(i);
        }
    }

    private static DiagnosticException Bad(string where, string message) =>
        new(DiagnosticCodes.PkgBadModel, $"{where}: immediate value {message}.");
}
