using System.Numerics.Tensors;

namespace MilForge.Numerics;

public sealed partial class Tensor
{
    // Dispatch on DataType, never on the array's runtime type: the CLR lets a ushort[] pass as short[] (and uint[] as
    // int[], byte[] as sbyte[], ulong[] as long[]), so array patterns would read unsigned data as signed.

    /// <summary>Element <paramref name="i"/> as a double (bool is 0/1; strings are not numeric).</summary>
    public double GetDouble(int i) => DataType switch
    {
        DataType.Float32 => ((float[])Data)[i],
        DataType.Float16 => (double)((Half[])Data)[i],
        DataType.Float64 => ((double[])Data)[i],
        DataType.BFloat16 => BFloat16Bits.ToFloat(((ushort[])Data)[i]),
        DataType.Float8E4M3FN => Float8.E4M3FNToFloat(((byte[])Data)[i]),
        DataType.Float8E5M2 => Float8.E5M2ToFloat(((byte[])Data)[i]),
        DataType.UInt64 => ((ulong[])Data)[i],
        DataType.String => throw new InvalidOperationException("String tensors are not numeric."),
        _ => GetLong(i),
    };

    /// <summary>Element <paramref name="i"/> as a 64-bit integer (floats truncate toward zero, saturating).</summary>
    public long GetLong(int i) => DataType switch
    {
        DataType.Int32 => ((int[])Data)[i],
        DataType.Int64 => ((long[])Data)[i],
        DataType.Bool => ((bool[])Data)[i] ? 1 : 0,
        DataType.Int8 or DataType.Int4 => ((sbyte[])Data)[i],
        DataType.UInt8 or DataType.UInt1 or DataType.UInt2 or DataType.UInt3 or DataType.UInt4 or DataType.UInt6 => ((byte[])Data)[i],
        DataType.Int16 => ((short[])Data)[i],
        DataType.UInt16 => ((ushort[])Data)[i],
        DataType.UInt32 => ((uint[])Data)[i],
        DataType.UInt64 => (long)((ulong[])Data)[i],
        DataType.String => throw new InvalidOperationException("String tensors are not numeric."),
        _ => (long)GetDouble(i),
    };

    /// <summary>
    /// The elements as floats. For an FP32 tensor this returns the storage itself (do not write to it); other types
    /// are widened (or, for 64-bit types, rounded) into a new array.
    /// </summary>
    public float[] AsFloats()
    {
        if (Data is float[] f)
        {
            return f;
        }
        var result = new float[Length];
        if (Data is Half[] h)
        {
            TensorPrimitives.ConvertToSingle(h, result);
            return result;
        }
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (float)GetDouble(i);
        }
        return result;
    }

    /// <summary>The elements as doubles (a new array unless the tensor is FP64; do not write to it).</summary>
    public double[] AsDoubles()
    {
        if (Data is double[] d)
        {
            return d;
        }
        var result = new double[Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = GetDouble(i);
        }
        return result;
    }

    /// <summary>The elements as 64-bit integers (a new array unless the tensor is Int64; do not write to it).</summary>
    public long[] AsLongs()
    {
        if (DataType == DataType.Int64)
        {
            return (long[])Data;
        }
        var result = new long[Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = GetLong(i);
        }
        return result;
    }

    /// <summary>The elements as ints, saturating values outside the int range.</summary>
    public int[] AsInts()
    {
        if (DataType == DataType.Int32)
        {
            return (int[])Data;
        }
        var result = new int[Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (int)Math.Clamp(GetLong(i), int.MinValue, int.MaxValue);
        }
        return result;
    }

    /// <summary>
    /// Converts to another element type. Float to integer truncates toward zero and saturates (NaN becomes 0);
    /// integer to integer wraps (sub-byte types too); float to FP16/BF16/FP8 rounds to nearest even, where E4M3FN
    /// saturates at ±448 (it has no infinities) and E5M2 overflows to ±Inf (<see cref="Float8"/>); anything non-zero
    /// becomes true.
    /// </summary>
    public Tensor CastTo(DataType target)
    {
        if (target == DataType)
        {
            return this;
        }
        if (target == DataType.String || DataType == DataType.String)
        {
            return CastStrings(target);
        }
        var data = Array.CreateInstance(target.StorageType(), Length);
        var integral = !DataType.IsFloat();
        for (var i = 0; i < Length; i++)
        {
            if (integral && DataType != DataType.UInt64)
            {
                SetFromLong(target, data, i, GetLong(i));
            }
            else
            {
                SetFromDouble(target, data, i, GetDouble(i));
            }
        }
        return WithData(target, data);
    }

    private Tensor CastStrings(DataType target)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (target == DataType.String)
        {
            var strings = new string[Length];
            for (var i = 0; i < Length; i++)
            {
                strings[i] = DataType == DataType.Bool ? (Storage<bool>()[i] ? "True" : "False") : GetDouble(i).ToString("R", inv);
            }
            return WithData(DataType.String, strings);
        }
        var source = Storage<string>();
        var values = new double[Length];
        for (var i = 0; i < Length; i++)
        {
            values[i] = double.Parse(source[i], System.Globalization.NumberStyles.Float, inv);
        }
        return FromDoubles(values, Shape.AsSpan(), target);
    }

    /// <summary>Stores a double into element <paramref name="i"/> of a storage array of <paramref name="type"/>, converting as <see cref="CastTo"/> does.</summary>
    public static void SetFromDoubleFor(DataType type, Array data, int i, double v) => SetFromDouble(type, data, i, v);

    /// <summary>Stores an integer into element <paramref name="i"/> of a storage array of <paramref name="type"/>, converting as <see cref="CastTo"/> does.</summary>
    public static void SetFromLongFor(DataType type, Array data, int i, long v) => SetFromLong(type, data, i, v);

    internal static void SetFromDouble(DataType type, Array data, int i, double v)
    {
        switch (type)
        {
            case DataType.Float32: ((float[])data)[i] = (float)v; break;
            case DataType.Float16: ((Half[])data)[i] = (Half)v; break;
            case DataType.Float64: ((double[])data)[i] = v; break;
            case DataType.BFloat16: ((ushort[])data)[i] = BFloat16Bits.FromFloat((float)v); break;
            case DataType.Int32: ((int[])data)[i] = (int)v; break;
            case DataType.Int64: ((long[])data)[i] = (long)v; break;
            case DataType.Bool: ((bool[])data)[i] = v != 0; break;
            case DataType.Int8: ((sbyte[])data)[i] = (sbyte)v; break;
            case DataType.UInt8: ((byte[])data)[i] = (byte)v; break;
            case DataType.Int16: ((short[])data)[i] = (short)v; break;
            case DataType.UInt16: ((ushort[])data)[i] = (ushort)v; break;
            case DataType.UInt32: ((uint[])data)[i] = (uint)v; break;
            case DataType.UInt64: ((ulong[])data)[i] = (ulong)v; break;
            case DataType.Float8E4M3FN: ((byte[])data)[i] = Float8.ToE4M3FN(v); break;
            case DataType.Float8E5M2: ((byte[])data)[i] = Float8.ToE5M2(v); break;
            case DataType.Int4: ((sbyte[])data)[i] = (sbyte)SubByteIntegers.Saturate(type, v); break;
            case DataType.UInt1 or DataType.UInt2 or DataType.UInt3 or DataType.UInt4 or DataType.UInt6:
                ((byte[])data)[i] = (byte)SubByteIntegers.Saturate(type, v);
                break;
            default: throw new InvalidOperationException($"Cannot store numbers in {type} tensors.");
        }
    }

    // Integer to integer conversions wrap (two's complement), as in ONNX Cast and numpy astype.
    internal static void SetFromLong(DataType type, Array data, int i, long v)
    {
        switch (type)
        {
            case DataType.Int32: ((int[])data)[i] = unchecked((int)v); break;
            case DataType.Int64: ((long[])data)[i] = v; break;
            case DataType.Bool: ((bool[])data)[i] = v != 0; break;
            case DataType.Int8: ((sbyte[])data)[i] = unchecked((sbyte)v); break;
            case DataType.UInt8: ((byte[])data)[i] = unchecked((byte)v); break;
            case DataType.Int16: ((short[])data)[i] = unchecked((short)v); break;
            case DataType.UInt16: ((ushort[])data)[i] = unchecked((ushort)v); break;
            case DataType.UInt32: ((uint[])data)[i] = unchecked((uint)v); break;
            case DataType.UInt64: ((ulong[])data)[i] = unchecked((ulong)v); break;
            case DataType.Int4: ((sbyte[])data)[i] = (sbyte)SubByteIntegers.Wrap(type, v); break;
            case DataType.UInt1 or DataType.UInt2 or DataType.UInt3 or DataType.UInt4 or DataType.UInt6:
                ((byte[])data)[i] = (byte)SubByteIntegers.Wrap(type, v);
                break;
            default: SetFromDouble(type, data, i, v); break;
        }
    }
}
