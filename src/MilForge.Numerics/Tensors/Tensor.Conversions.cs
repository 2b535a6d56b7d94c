namespace MilForge.Numerics;

public sealed partial class Tensor
{
    /// <summary>Element <paramref name="i"/> as a double (bool is 0/1; strings are not numeric).</summary>
    public double GetDouble(int i) => Data switch
    {
        float[] a => a[i],
        Half[] a => (double)a[i],
        double[] a => a[i],
        int[] a => a[i],
        long[] a => a[i],
        bool[] a => a[i] ? 1 : 0,
        sbyte[] a => a[i],
        byte[] a => a[i],
        short[] a => a[i],
        ushort[] a => DataType == DataType.BFloat16 ? BFloat16Bits.ToFloat(a[i]) : a[i],
        uint[] a => a[i],
        ulong[] a => a[i],
        _ => throw new InvalidOperationException($"{DataType} tensors are not numeric."),
    };

    /// <summary>Element <paramref name="i"/> as a 64-bit integer (floats truncate toward zero, saturating).</summary>
    public long GetLong(int i) => Data switch
    {
        int[] a => a[i],
        long[] a => a[i],
        bool[] a => a[i] ? 1 : 0,
        sbyte[] a => a[i],
        byte[] a => a[i],
        short[] a => a[i],
        uint[] a => a[i],
        ulong[] a => (long)a[i],
        ushort[] a when DataType == DataType.UInt16 => a[i],
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
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = (float)h[i];
            }
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
        if (Data is long[] l)
        {
            return l;
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
        if (Data is int[] d)
        {
            return d;
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
    /// float to FP16/BF16 rounds to nearest even; anything non-zero becomes true.
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
        switch (data)
        {
            case float[] a: a[i] = (float)v; break;
            case Half[] a: a[i] = (Half)v; break;
            case double[] a: a[i] = v; break;
            case int[] a: a[i] = (int)v; break;
            case long[] a: a[i] = (long)v; break;
            case bool[] a: a[i] = v != 0; break;
            case sbyte[] a: a[i] = (sbyte)v; break;
            case byte[] a: a[i] = (byte)v; break;
            case short[] a: a[i] = (short)v; break;
            case ushort[] a: a[i] = type == DataType.BFloat16 ? BFloat16Bits.FromFloat((float)v) : (ushort)v; break;
            case uint[] a: a[i] = (uint)v; break;
            case ulong[] a: a[i] = (ulong)v; break;
            default: throw new InvalidOperationException($"Cannot store numbers in {type} tensors.");
        }
    }

    // Integer to integer conversions wrap (two's complement), as in ONNX Cast and numpy astype.
    internal static void SetFromLong(DataType type, Array data, int i, long v)
    {
        switch (data)
        {
            case int[] a: a[i] = unchecked((int)v); break;
            case long[] a: a[i] = v; break;
            case bool[] a: a[i] = v != 0; break;
            case sbyte[] a: a[i] = unchecked((sbyte)v); break;
            case byte[] a: a[i] = unchecked((byte)v); break;
            case short[] a: a[i] = unchecked((short)v); break;
            case ushort[] a when type == DataType.UInt16: a[i] = unchecked((ushort)v); break;
            case uint[] a: a[i] = unchecked((uint)v); break;
            case ulong[] a: a[i] = unchecked((ulong)v); break;
            default: SetFromDouble(type, data, i, v); break;
        }
    }
}
