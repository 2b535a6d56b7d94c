namespace MilForge.Precision.Comparison;

/// <summary>The outcome of comparing all outputs, with the command-line exit code it maps to.</summary>
public enum ComparisonVerdict
{
    /// <summary>Every output is within tolerance (exit 0).</summary>
    Pass = 0,
    /// <summary>Some output differs beyond tolerance (exit 1).</summary>
    Differ = 1,
    /// <summary>The candidate has NaN/Inf where the reference is finite (exit 2).</summary>
    NonFinite = 2,
}

/// <summary>Combines per-output comparisons into a verdict.</summary>
public static class Verdicts
{
    /// <summary>NonFinite beats Differ beats Pass.</summary>
    public static ComparisonVerdict Of(IEnumerable<OutputComparison> outputs)
    {
        var list = outputs.ToList();
        if (list.Any(o => o.NewNonFinite > 0))
        {
            return ComparisonVerdict.NonFinite;
        }
        return list.All(o => o.Passed) ? ComparisonVerdict.Pass : ComparisonVerdict.Differ;
    }

    /// <summary>NonFinite (in any mode) beats Differ beats Pass; an output passes or not in its own mode.</summary>
    public static ComparisonVerdict Of(IEnumerable<OutputCheck> outputs)
    {
        var list = outputs.ToList();
        if (list.Any(o => o.Comparison.NewNonFinite > 0))
        {
            return ComparisonVerdict.NonFinite;
        }
        return list.All(o => o.Passed) ? ComparisonVerdict.Pass : ComparisonVerdict.Differ;
    }

    /// <summary>The lower-case name used in reports: <c>pass</c>, <c>differ</c> or <c>nonfinite</c>.</summary>
    public static string Name(ComparisonVerdict verdict) => verdict.ToString().ToLowerInvariant();
}
