namespace MilForge.Precision.Comparison;

/// <summary>Which statistic of the error decides whether an output passes (Polygraphy's <c>--check-error-stat</c>).</summary>
public enum ErrorStat
{
    /// <summary>Every element must pass |a − r| ≤ atol + rtol·|r| (ONNX's rule; the default).</summary>
    Elemwise,
    /// <summary>The maximum of the absolute or of the relative error is compared with the tolerances.</summary>
    Max,
    /// <summary>The mean of the absolute or of the relative error is compared with the tolerances.</summary>
    Mean,
    /// <summary>The median of the absolute or of the relative error is compared with the tolerances.</summary>
    Median,
    /// <summary>A quantile (<see cref="ToleranceSpec.Quantile"/>) of the absolute or relative error is compared.</summary>
    Quantile,
}

/// <summary>
/// The tolerances one output is checked with. In <see cref="ErrorStat.Elemwise"/> mode an element fails when
/// |a − r| &gt; atol + rtol·|r|. In the statistic modes the output passes when the statistic of |a − r| is ≤ atol
/// <b>or</b> the same statistic of the relative error is ≤ rtol (Polygraphy's rule: it fails only when both exceed).
/// In every mode a NaN/Inf that the other side does not have at the same position fails the output.
/// </summary>
/// <param name="Atol">Absolute tolerance.</param>
/// <param name="Rtol">Relative tolerance (of the reference value).</param>
/// <param name="Stat">The statistic checked.</param>
/// <param name="Quantile">The quantile used by <see cref="ErrorStat.Quantile"/> mode, in [0, 1].</param>
public sealed record ToleranceSpec(double Atol, double Rtol, ErrorStat Stat = ErrorStat.Elemwise, double Quantile = 0.99)
{
    /// <summary>The lower-case name used on the command line and in reports.</summary>
    public string StatName => Stat.ToString().ToLowerInvariant();

    /// <summary>Parses a statistic name (<c>elemwise</c>, <c>max</c>, <c>mean</c>, <c>median</c>, <c>quantile</c>); null when unknown.</summary>
    public static ErrorStat? ParseStat(string text) => text switch
    {
        "elemwise" => ErrorStat.Elemwise,
        "max" => ErrorStat.Max,
        "mean" => ErrorStat.Mean,
        "median" => ErrorStat.Median,
        "quantile" => ErrorStat.Quantile,
        _ => null,
    };

    /// <summary>The checked statistic of an error distribution (NaN for elemwise mode).</summary>
    public double Of(ErrorStatistics statistics, bool relative) => Stat switch
    {
        ErrorStat.Max => relative ? statistics.Relative.Max : statistics.Absolute.Max,
        ErrorStat.Mean => relative ? statistics.Relative.Mean : statistics.Absolute.Mean,
        ErrorStat.Median => relative ? statistics.Relative.Median : statistics.Absolute.Median,
        ErrorStat.Quantile => relative ? statistics.RelativeQuantile(Quantile) : statistics.AbsoluteQuantile(Quantile),
        _ => double.NaN,
    };
}
