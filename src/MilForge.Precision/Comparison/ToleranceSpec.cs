namespace MilForge.Precision.Comparison;

/// <summary>Which statistic of the error decides whether an output passes (Polygraphy's <c>--check-error-stat</c>, and task-level criteria).</summary>
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
    /// <summary>The cosine similarity of the flattened output must be ≥ <see cref="ToleranceSpec.MinCosine"/>.</summary>
    Cosine,
    /// <summary>The PSNR (peak = the reference's largest |value|) must be ≥ <see cref="ToleranceSpec.MinPsnr"/> dB.</summary>
    Psnr,
    /// <summary>‖a − r‖₂ / ‖r‖₂ must be ≤ <see cref="ToleranceSpec.MaxRelL2"/>.</summary>
    RelL2,
    /// <summary>
    /// Classification agreement along the last axis: the share of rows whose candidate top-1 lies in the reference's
    /// top-<see cref="ToleranceSpec.TopK"/> must be ≥ <see cref="ToleranceSpec.MinTopKAgreement"/>.
    /// </summary>
    TopK,
}

/// <summary>
/// The tolerances one output is checked with. In <see cref="ErrorStat.Elemwise"/> mode an element fails when
/// |a − r| &gt; atol + rtol·|r|. In the statistic modes (max, mean, median, quantile) the output passes when the
/// statistic of |a − r| is ≤ atol <b>or</b> the same statistic of the relative error is ≤ rtol (Polygraphy's rule: it
/// fails only when both exceed). The criterion modes (cosine, psnr, rel-l2, topk) compare one measure of the whole
/// output with its threshold and ignore atol and rtol. In every mode a NaN/Inf that the other side does not have at
/// the same position fails the output.
/// </summary>
/// <param name="Atol">Absolute tolerance.</param>
/// <param name="Rtol">Relative tolerance (of the reference value).</param>
/// <param name="Stat">The statistic checked.</param>
/// <param name="Quantile">The quantile used by <see cref="ErrorStat.Quantile"/> mode, in [0, 1].</param>
public sealed record ToleranceSpec(double Atol, double Rtol, ErrorStat Stat = ErrorStat.Elemwise, double Quantile = 0.99)
{
    /// <summary>The smallest cosine similarity that passes in <see cref="ErrorStat.Cosine"/> mode (default 0.9999).</summary>
    public double MinCosine { get; init; } = 0.9999;

    /// <summary>The smallest PSNR in dB that passes in <see cref="ErrorStat.Psnr"/> mode (default 40 dB: RMSE 1% of the peak).</summary>
    public double MinPsnr { get; init; } = 40;

    /// <summary>The largest ‖a − r‖₂ / ‖r‖₂ that passes in <see cref="ErrorStat.RelL2"/> mode (default 1e-2).</summary>
    public double MaxRelL2 { get; init; } = 1e-2;

    /// <summary>K of <see cref="ErrorStat.TopK"/> mode (default 1: the candidate's argmax is the reference's).</summary>
    public int TopK { get; init; } = 1;

    /// <summary>The smallest share of agreeing rows that passes in <see cref="ErrorStat.TopK"/> mode (default 1: every row).</summary>
    public double MinTopKAgreement { get; init; } = 1;

    /// <summary>The name used on the command line and in reports: <c>elemwise</c>, …, <c>rel-l2</c>, <c>topk</c>.</summary>
    public string StatName => Name(Stat);

    /// <summary>True for the criterion modes (cosine, psnr, rel-l2, topk), which compare one measure with a threshold.</summary>
    public bool IsCriterion => Stat is ErrorStat.Cosine or ErrorStat.Psnr or ErrorStat.RelL2 or ErrorStat.TopK;

    /// <summary>The threshold of a criterion mode (NaN otherwise).</summary>
    public double Threshold => Stat switch
    {
        ErrorStat.Cosine => MinCosine,
        ErrorStat.Psnr => MinPsnr,
        ErrorStat.RelL2 => MaxRelL2,
        ErrorStat.TopK => MinTopKAgreement,
        _ => double.NaN,
    };

    /// <summary>True when the criterion passes at or above its threshold (cosine, psnr, topk); false when at or below (rel-l2).</summary>
    public bool HigherIsBetter => Stat != ErrorStat.RelL2;

    /// <summary>The mode as written on the command line: the name, with <c>:K</c> for topk.</summary>
    public string ModeText => Stat == ErrorStat.TopK ? $"topk:{TopK}" : StatName;

    /// <summary>The name of a statistic.</summary>
    public static string Name(ErrorStat stat) => stat switch
    {
        ErrorStat.RelL2 => "rel-l2",
        _ => stat.ToString().ToLowerInvariant(),
    };

    /// <summary>Parses a statistic name (<c>elemwise</c>, <c>max</c>, <c>mean</c>, <c>median</c>, <c>quantile</c>, <c>cosine</c>, <c>psnr</c>, <c>rel-l2</c>, <c>topk</c>); null when unknown.</summary>
    public static ErrorStat? ParseStat(string text) => Enum.GetValues<ErrorStat>().Cast<ErrorStat?>().FirstOrDefault(s => Name(s!.Value) == text);

    /// <summary>The checked statistic of an error distribution (NaN for elemwise and the criterion modes).</summary>
    public double Of(ErrorStatistics statistics, bool relative) => Stat switch
    {
        ErrorStat.Max => relative ? statistics.Relative.Max : statistics.Absolute.Max,
        ErrorStat.Mean => relative ? statistics.Relative.Mean : statistics.Absolute.Mean,
        ErrorStat.Median => relative ? statistics.Relative.Median : statistics.Absolute.Median,
        ErrorStat.Quantile => relative ? statistics.RelativeQuantile(Quantile) : statistics.AbsoluteQuantile(Quantile),
        _ => double.NaN,
    };

    /// <summary>True when <paramref name="measured"/> meets the threshold of a criterion mode (NaN never does).</summary>
    public bool Meets(double measured) => HigherIsBetter ? measured >= Threshold : measured <= Threshold;
}
