using MilForge.Numerics;

namespace MilForge.Mil.Building;

/// <summary>
/// An op input as the caller gives it: an existing value, a tuple of values, or a literal that the builder turns into
/// a <c>const</c> op (integers become int32, floating-point numbers fp32, as coremltools narrows them).
/// </summary>
public readonly struct Arg
{
    private Arg(Value? value, IReadOnlyList<Value>? tuple, Tensor? constant)
    {
        Value = value;
        Tuple = tuple;
        Constant = constant;
    }

    /// <summary>The bound value, for a single-value argument.</summary>
    public Value? Value { get; }

    /// <summary>The bound values, for a tuple argument.</summary>
    public IReadOnlyList<Value>? Tuple { get; }

    /// <summary>A literal to materialize as a const.</summary>
    public Tensor? Constant { get; }

    /// <summary>Binds a value.</summary>
    public static implicit operator Arg(Value value) => new(value, null, null);

    /// <summary>Binds a tuple of values.</summary>
    public static implicit operator Arg(Value[] values) => new(null, values, null);

    /// <summary>Binds a tuple of values.</summary>
    public static implicit operator Arg(List<Value> values) => new(null, values, null);

    /// <summary>A literal tensor.</summary>
    public static implicit operator Arg(Tensor value) => new(null, null, value);

    /// <summary>An int32 scalar literal.</summary>
    public static implicit operator Arg(int value) => Tensor.Scalar(value);

    /// <summary>An fp32 scalar literal.</summary>
    public static implicit operator Arg(float value) => Tensor.Scalar(value);

    /// <summary>A bool scalar literal.</summary>
    public static implicit operator Arg(bool value) => Tensor.Scalar(value);

    /// <summary>A string scalar literal.</summary>
    public static implicit operator Arg(string value) => Tensor.Scalar(value);

    /// <summary>An int32 vector literal.</summary>
    public static implicit operator Arg(int[] value) => Tensor.Vector(value);

    /// <summary>An fp32 vector literal.</summary>
    public static implicit operator Arg(float[] value) => Tensor.Vector(value);

    /// <summary>A bool vector literal.</summary>
    public static implicit operator Arg(bool[] value) => Tensor.Vector(value);
}
