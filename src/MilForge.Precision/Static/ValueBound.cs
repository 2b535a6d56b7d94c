namespace MilForge.Precision.Static;

/// <summary>How far a static bound can be trusted.</summary>
public enum BoundKind
{
    /// <summary>Sound: no value the FP32 program computes from inputs in their ranges lies outside it.</summary>
    Proven,
    /// <summary>A heuristic was used (for example a symbolic dim taken as 1): usually right, not guaranteed.</summary>
    Estimated,
    /// <summary>The op has no transfer function: (−∞, ∞), and NaN possible.</summary>
    Unknown,
}

/// <summary>The bound of one value: its interval, how far it is trusted, and the op that first made it unbounded.</summary>
/// <param name="Range">The interval.</param>
/// <param name="Kind">Proven, estimated, or unknown.</param>
/// <param name="UnboundedBy">When an end is infinite: the op (output name) where the infinity entered, else null.</param>
public sealed record ValueBound(Interval Range, BoundKind Kind, string? UnboundedBy = null)
{
    /// <summary>A proven bound.</summary>
    public static ValueBound Proven(Interval range) => new(range, BoundKind.Proven);
}
