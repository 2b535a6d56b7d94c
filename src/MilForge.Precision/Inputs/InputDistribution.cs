namespace MilForge.Precision.Inputs;

/// <summary>How generated values spread (<c>--input-dist NAME:uniform|normal</c>).</summary>
public enum InputDistribution
{
    /// <summary>Uniform over the range (default [−1, 1) for floats, 0..3 for integers).</summary>
    Uniform,

    /// <summary>
    /// Normal: with a range [L, H], mean (L + H) / 2 and standard deviation (H − L) / 6, clipped to the range (so ±3σ
    /// spans it); without one, N(0, 1). Integers are rounded.
    /// </summary>
    Normal,
}
