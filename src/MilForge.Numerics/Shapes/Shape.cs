using System.Collections.Immutable;

namespace MilForge.Numerics;

/// <summary>An immutable, ranked shape whose dimensions may be symbolic.</summary>
public sealed class Shape : IEquatable<Shape>
{
    /// <summary>Creates a shape from dimensions.</summary>
    public Shape(IEnumerable<Dim> dims) => Dims = [.. dims];

    /// <summary>The rank-0 (scalar) shape.</summary>
    public static Shape Scalar { get; } = new([]);

    /// <summary>The dimensions, outermost first.</summary>
    public ImmutableArray<Dim> Dims { get; }

    /// <summary>Number of dimensions.</summary>
    public int Rank => Dims.Length;

    /// <summary>Dimension <paramref name="i"/>.</summary>
    public Dim this[int i] => Dims[i];

    /// <summary>Dimension at <paramref name="i"/> (supports <c>^1</c> for the last).</summary>
    public Dim this[Index i] => Dims[i.GetOffset(Rank)];

    /// <summary>True when every dimension is known.</summary>
    public bool IsStatic => Dims.All(d => d.IsKnown);

    /// <summary>Creates a static shape.</summary>
    public static Shape Of(params ReadOnlySpan<long> dims)
    {
        var list = new Dim[dims.Length];
        for (var i = 0; i < dims.Length; i++)
        {
            list[i] = Dim.Of(dims[i]);
        }
        return new Shape(list);
    }

    /// <summary>Creates a static shape from int sizes.</summary>
    public static Shape Of(IEnumerable<int> dims) => new(dims.Select(d => Dim.Of(d)));

    /// <summary>The element count when static; null otherwise.</summary>
    public long? ElementCount => IsStatic ? Dims.Aggregate(1L, (acc, d) => acc * d.Size) : null;

    /// <summary>The sizes of a static shape; throws when a dimension is symbolic.</summary>
    public int[] ToStatic()
    {
        var result = new int[Rank];
        for (var i = 0; i < Rank; i++)
        {
            if (!Dims[i].IsKnown)
            {
                throw new InvalidOperationException($"Shape {this} is not static.");
            }
            result[i] = checked((int)Dims[i].Size);
        }
        return result;
    }

    /// <summary>Normalizes a possibly negative axis against <paramref name="rank"/>; returns −1 when out of range.</summary>
    public static int NormalizeAxis(long axis, int rank)
    {
        var a = axis < 0 ? axis + rank : axis;
        return a < 0 || a >= rank ? -1 : (int)a;
    }

    /// <inheritdoc />
    public bool Equals(Shape? other) => other is not null && Dims.SequenceEqual(other.Dims);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Shape);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in Dims)
        {
            h.Add(d);
        }
        return h.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => "(" + string.Join(", ", Dims) + ")";
}
