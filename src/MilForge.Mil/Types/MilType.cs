using MilForge.Numerics;

namespace MilForge.Mil;

/// <summary>The type of a MIL value.</summary>
public abstract record MilType;

/// <summary>A tensor type: element type and (possibly symbolic) shape. Rank 0 is a scalar.</summary>
/// <param name="DataType">The element type.</param>
/// <param name="Shape">The shape.</param>
public sealed record TensorType(DataType DataType, Shape Shape) : MilType
{
    /// <summary>A scalar of <paramref name="dataType"/>.</summary>
    public static TensorType Scalar(DataType dataType) => new(dataType, Shape.Scalar);

    /// <summary>A tensor with a static shape.</summary>
    public static TensorType Of(DataType dataType, params ReadOnlySpan<long> dims) => new(dataType, Shape.Of(dims));

    /// <summary>The rank.</summary>
    public int Rank => Shape.Rank;

    /// <summary>Returns the same shape with another element type.</summary>
    public TensorType WithDataType(DataType dataType) => this with { DataType = dataType };

    /// <inheritdoc />
    public override string ToString() => $"{DataType.MilName()}[{string.Join(", ", Shape.Dims)}]";
}

/// <summary>A list type (used by list ops and loops).</summary>
/// <param name="Element">The type of each element.</param>
/// <param name="Length">The length when known.</param>
public sealed record ListType(MilType Element, Dim? Length) : MilType
{
    /// <inheritdoc />
    public override string ToString() => $"list<{Element}, {Length?.ToString() ?? "?"}>";
}

/// <summary>A state type wrapping a tensor (iOS18 stateful models).</summary>
/// <param name="Wrapped">The wrapped tensor type.</param>
public sealed record StateType(TensorType Wrapped) : MilType
{
    /// <inheritdoc />
    public override string ToString() => $"state<{Wrapped}>";
}
