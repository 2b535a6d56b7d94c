using Google.Protobuf;
using MilForge.CoreML.Protos;
using MilForge.Diagnostics;
using MilForge.Numerics;

namespace MilForge.CoreML.Serialization;

/// <summary>
/// Immediate tensor values as coremltools encodes them (facts doc §3.3): fp32 → floats, fp64 → doubles,
/// int32/int16/uint16 → ints, int64/uint64 → longInts, bool → bools, string → strings, and every other type (fp16,
/// bf16, fp8, int8, uint8, uint32, and int4/uint1/2/3/4/6 packed LSB-first) → raw little-endian bytes.
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
                value.Bytes = new TensorValue.Types.RepeatedBytes { Values = UnsafeByteOperations.UnsafeWrap(TensorBytes.ToPackedArray(tensor)) };
                break;
        }
        return value;
    }

    /// <summary>
    /// Decodes elements into a tensor of the declared type and shape; PKG3004 when the count or encoding is wrong.
    /// The count is checked before anything is allocated, so a declared shape the value cannot back costs nothing.
    /// </summary>
    public static Tensor Decode(TensorValue value, DataType dataType, int[] shape, string where)
    {
        long expected = 1;
        foreach (var d in shape)
        {
            expected *= d;
            if (expected > int.MaxValue)
            {
                throw Bad(where, $"shape [{string.Join(",", shape)}] is too large");
            }
        }
        if (value.ValueCase == TensorValue.ValueOneofCase.Bytes)
        {
            var bytes = value.Bytes.Values;
            var needed = TensorBytes.PackedLength(dataType, expected);
            if (dataType == DataType.String || bytes.Length != needed)
            {
                throw Bad(where, $"has {bytes.Length} bytes, shape [{string.Join(",", shape)}] of {dataType.MilName()} needs {needed}");
            }
            return TensorBytes.FromPackedBytes(dataType, shape, bytes.Span);
        }
        long available = value.ValueCase switch
        {
            TensorValue.ValueOneofCase.Floats => value.Floats.Values.Count,
            TensorValue.ValueOneofCase.Doubles => value.Doubles.Values.Count,
            TensorValue.ValueOneofCase.Ints => value.Ints.Values.Count,
            TensorValue.ValueOneofCase.LongInts => value.LongInts.Values.Count,
            TensorValue.ValueOneofCase.Bools => value.Bools.Values.Count,
            TensorValue.ValueOneofCase.Strings => value.Strings.Values.Count,
            _ => 0,
        };
        if (available != expected)
        {
            throw Bad(where, $"holds {available} elements, shape [{string.Join(",", shape)}] needs {expected}");
        }
        if ((value.ValueCase == TensorValue.ValueOneofCase.Strings) != (dataType == DataType.String))
        {
            throw Bad(where, $"{value.ValueCase} given for a {dataType.MilName()} tensor");
        }
        var n = (int)expected;
        var data = Array.CreateInstance(dataType.StorageType(), n);
        for (var i = 0; i < n; i++)
        {
            switch (value.ValueCase)
            {
                case TensorValue.ValueOneofCase.Floats: Tensor.SetFromDoubleFor(dataType, data, i, value.Floats.Values[i]); break;
                case TensorValue.ValueOneofCase.Doubles: Tensor.SetFromDoubleFor(dataType, data, i, value.Doubles.Values[i]); break;
                case TensorValue.ValueOneofCase.Ints: Tensor.SetFromLongFor(dataType, data, i, value.Ints.Values[i]); break;
                case TensorValue.ValueOneofCase.LongInts: Tensor.SetFromLongFor(dataType, data, i, value.LongInts.Values[i]); break;
                case TensorValue.ValueOneofCase.Bools: Tensor.SetFromLongFor(dataType, data, i, value.Bools.Values[i] ? 1 : 0); break;
                default: ((string[])data)[i] = value.Strings.Values[i]; break;
            }
        }
        return Tensor.Create(dataType, shape, data);
    }

    private static DiagnosticException Bad(string where, string message) =>
        new(DiagnosticCodes.PkgBadModel, $"{where}: immediate value {message}.");
}
