using System.Collections.Immutable;

namespace MilForge.Numerics;

/// <summary>
/// A dense, row-major tensor: an element type, a static shape and a typed array holding the elements
/// (<see cref="DataTypes.StorageType"/>). FP16 tensors hold <see cref="Half"/> values, so a value stored in an FP16
/// tensor is exactly what binary16 can represent. Tensors are treated as immutable once created: kernels never
/// write to their inputs.
/// </summary>
public sealed partial class Tensor
{
    private Tensor(DataType dataType, ImmutableArray<int> shape, Array data)
    {
        DataType = dataType;
        Shape = shape;
        Data = data;
    }

    /// <summary>The element type.</summary>
    public DataType DataType { get; }

    /// <summary>The sizes, outermost first. A scalar has rank 0.</summary>
    public ImmutableArray<int> Shape { get; }

    /// <summary>The number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <summary>The number of elements.</summary>
    public int Length => Data.Length;

    /// <summary>The storage array (its element type is <see cref="DataTypes.StorageType"/> of <see cref="DataType"/>).</summary>
    public Array Data { get; }

    /// <summary>The shape as a new int array.</summary>
    public int[] ShapeArray() => [.. Shape];

    /// <summary>The storage as a typed array. Do not write to it: tensors are shared.</summary>
    public T[] Storage<T>()
    {
        if (DataType.StorageType() == typeof(T))
        {
            return (T[])Data;
        }
        throw new InvalidOperationException($"Tensor of {DataType} is stored as {Data.GetType().Name}, not {typeof(T).Name}[].");
    }

    /// <summary>Creates a tensor with the same data and a new shape of the same element count.</summary>
    public Tensor Reshape(ReadOnlySpan<int> shape)
    {
        if (Broadcasting.Product(shape) != Length)
        {
            throw new ArgumentException($"Cannot reshape {Length} elements to ({string.Join(", ", shape.ToArray())}).");
        }
        return new Tensor(DataType, [.. shape], Data);
    }

    /// <summary>A one-line description: dtype, shape and the first few values.</summary>
    public override string ToString()
    {
        var count = Math.Min(Length, 8);
        var values = new string[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = DataType == DataType.String
                ? $"\"{Storage<string>()[i]}\""
                : GetDouble(i).ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
        }
        var more = Length > count ? ", ..." : "";
        return $"{DataType.MilName()}[{string.Join(",", Shape)}] {{{string.Join(", ", values)}{more}}}";
    }
}
