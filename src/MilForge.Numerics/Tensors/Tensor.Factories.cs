using System.Numerics.Tensors;

namespace MilForge.Numerics;

public sealed partial class Tensor
{
    /// <summary>Wraps <paramref name="data"/> (not copied) as a tensor of type <paramref name="dataType"/>.</summary>
    public static Tensor Create(DataType dataType, ReadOnlySpan<int> shape, Array data)
    {
        if (data.GetType().GetElementType() != dataType.StorageType())
        {
            throw new ArgumentException($"{dataType} needs {dataType.StorageType().Name}[] storage, not {data.GetType().Name}.");
        }
        foreach (var d in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(d);
        }
        if (Broadcasting.Product(shape) != data.Length)
        {
            throw new ArgumentException($"Shape ({string.Join(", ", shape.ToArray())}) needs {Broadcasting.Product(shape)} elements, got {data.Length}.");
        }
        if (dataType.IsSubByte())
        {
            CheckSubByteRange(dataType, data);
        }
        return new Tensor(dataType, [.. shape], data);
    }

    // Sub-byte elements are stored one per byte, so a stored value could exceed the type; packing would then lose bits.
    private static void CheckSubByteRange(DataType dataType, Array data)
    {
        for (var i = 0; i < data.Length; i++)
        {
            long v = dataType == DataType.Int4 ? ((sbyte[])data)[i] : ((byte[])data)[i];
            if (!SubByteIntegers.Fits(dataType, v))
            {
                var (min, max) = SubByteIntegers.Range(dataType);
                throw new ArgumentException($"Element {i} is {v}, outside the {dataType.MilName()} range [{min}, {max}].");
            }
        }
    }

    /// <summary>Wraps a typed array; the element type follows from <typeparamref name="T"/>.</summary>
    public static Tensor Create<T>(T[] data, params ReadOnlySpan<int> shape) => Create(DataTypeOf<T>(), shape, data);

    /// <summary>A rank-0 tensor holding one value.</summary>
    public static Tensor Scalar<T>(T value) => Create([value], ReadOnlySpan<int>.Empty);

    /// <summary>A rank-1 tensor holding the given values.</summary>
    public static Tensor Vector<T>(params T[] values) => Create(values, values.Length);

    /// <summary>A tensor of zeros (false, empty strings).</summary>
    public static Tensor Zeros(DataType dataType, ReadOnlySpan<int> shape)
    {
        var data = Array.CreateInstance(dataType.StorageType(), Broadcasting.Product(shape));
        if (dataType == DataType.String)
        {
            Array.Fill((string[])data, "");
        }
        return new Tensor(dataType, [.. shape], data);
    }

    /// <summary>The element type stored as <typeparamref name="T"/> (ushort means UInt16).</summary>
    public static DataType DataTypeOf<T>() => typeof(T) switch
    {
        var t when t == typeof(bool) => DataType.Bool,
        var t when t == typeof(sbyte) => DataType.Int8,
        var t when t == typeof(byte) => DataType.UInt8,
        var t when t == typeof(short) => DataType.Int16,
        var t when t == typeof(ushort) => DataType.UInt16,
        var t when t == typeof(int) => DataType.Int32,
        var t when t == typeof(uint) => DataType.UInt32,
        var t when t == typeof(long) => DataType.Int64,
        var t when t == typeof(ulong) => DataType.UInt64,
        var t when t == typeof(Half) => DataType.Float16,
        var t when t == typeof(float) => DataType.Float32,
        var t when t == typeof(double) => DataType.Float64,
        var t when t == typeof(string) => DataType.String,
        _ => throw new ArgumentException($"No tensor element type for {typeof(T).Name}."),
    };

    /// <summary>Creates a tensor of <paramref name="dataType"/> from float values, rounding as the type requires.</summary>
    public static Tensor FromFloats(float[] values, ReadOnlySpan<int> shape, DataType dataType)
    {
        if (dataType == DataType.Float32)
        {
            return Create(DataType.Float32, shape, values);
        }
        if (dataType == DataType.Float16)
        {
            // Vectorised, and rounds as (Half)v does: to nearest even, overflow to ±Inf, subnormals kept.
            var halves = new Half[values.Length];
            TensorPrimitives.ConvertToHalf(values, halves);
            return Create(DataType.Float16, shape, halves);
        }
        var data = Array.CreateInstance(dataType.StorageType(), values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            SetFromDouble(dataType, data, i, values[i]);
        }
        return Create(dataType, shape, data);
    }

    /// <summary>Creates a tensor of <paramref name="dataType"/> from double values, converting as the type requires.</summary>
    public static Tensor FromDoubles(double[] values, ReadOnlySpan<int> shape, DataType dataType)
    {
        if (dataType == DataType.Float64)
        {
            return Create(DataType.Float64, shape, values);
        }
        if (dataType == DataType.Float32)
        {
            var floats = new float[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                floats[i] = (float)values[i];
            }
            return Create(DataType.Float32, shape, floats);
        }
        if (dataType == DataType.Float16)
        {
            // Directly from double: one rounding, never double rounding through float.
            var halves = new Half[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                halves[i] = (Half)values[i];
            }
            return Create(DataType.Float16, shape, halves);
        }
        var data = Array.CreateInstance(dataType.StorageType(), values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            SetFromDouble(dataType, data, i, values[i]);
        }
        return Create(dataType, shape, data);
    }

    /// <summary>Creates a tensor of <paramref name="dataType"/> from 64-bit integers, converting as the type requires.</summary>
    public static Tensor FromLongs(long[] values, ReadOnlySpan<int> shape, DataType dataType)
    {
        if (dataType == DataType.Int64)
        {
            return Create(DataType.Int64, shape, values);
        }
        var data = Array.CreateInstance(dataType.StorageType(), values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            SetFromLong(dataType, data, i, values[i]);
        }
        return Create(dataType, shape, data);
    }

    private Tensor WithData(DataType dataType, Array data) => new(dataType, Shape, data);
}
