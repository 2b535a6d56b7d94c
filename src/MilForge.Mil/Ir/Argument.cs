using System.Collections.Immutable;

namespace MilForge.Mil;

/// <summary>
/// What an op input is bound to: one value, or (for tuple parameters such as <c>concat.values</c>) an ordered
/// list of values.
/// </summary>
public sealed class Argument
{
    /// <summary>Creates an argument.</summary>
    public Argument(ImmutableArray<Value> values, bool isTuple)
    {
        if (!isTuple && values.Length != 1)
        {
            throw new ArgumentException("A non-tuple argument binds exactly one value.", nameof(values));
        }
        Values = values;
        IsTuple = isTuple;
    }

    /// <summary>A single-value argument.</summary>
    public static Argument Of(Value value) => new([value], false);

    /// <summary>A tuple argument.</summary>
    public static Argument Tuple(IEnumerable<Value> values) => new([.. values], true);

    /// <summary>The bound values, in order.</summary>
    public ImmutableArray<Value> Values { get; }

    /// <summary>True for a tuple parameter.</summary>
    public bool IsTuple { get; }

    /// <summary>The single bound value (for non-tuple parameters).</summary>
    public Value Value => Values[0];
}
