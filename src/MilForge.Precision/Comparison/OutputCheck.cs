using MilForge.Numerics;

namespace MilForge.Precision.Comparison;

/// <summary>One output checked with its <see cref="ToleranceSpec"/>: the elementwise comparison, the statistics and the verdict.</summary>
/// <param name="Comparison">The elementwise comparison (mismatch counts use the output's atol and rtol).</param>
/// <param name="Statistics">Error statistics; null when the shapes differ or the values are strings.</param>
/// <param name="Tolerance">The tolerances and mode the output was checked with.</param>
/// <param name="Shape">The reference's shape.</param>
/// <param name="Passed">True when the output passes in its mode.</param>
/// <param name="MinAtol">
/// The smallest atol that would pass in this mode with the given rtol (0 when the relative test alone passes); +∞
/// when no tolerance passes (non-finite mismatches, in every mode), NaN without statistics or else in a criterion mode.
/// </param>
/// <param name="MinRtol">The smallest rtol that would pass in this mode with the given atol; as <paramref name="MinAtol"/>.</param>
/// <param name="Measured">The measure of a criterion mode (cosine, PSNR dB, relative L2, top-K agreement share); NaN otherwise.</param>
public sealed record OutputCheck(OutputComparison Comparison, ErrorStatistics? Statistics, ToleranceSpec Tolerance, IReadOnlyList<int> Shape,
    bool Passed, double MinAtol, double MinRtol, double Measured = double.NaN)
{
    /// <summary>The output's name.</summary>
    public string Name => Comparison.Name;

    /// <summary>The checked statistic of |a − r| (NaN in elemwise and criterion modes or without statistics).</summary>
    public double CheckedAbsolute => Statistics is null ? double.NaN : Tolerance.Of(Statistics, relative: false);

    /// <summary>The checked statistic of the relative error (NaN in elemwise and criterion modes or without statistics).</summary>
    public double CheckedRelative => Statistics is null ? double.NaN : Tolerance.Of(Statistics, relative: true);

    /// <summary>What decided the verdict: the criterion, its measured value and the threshold.</summary>
    public CheckDecision Decision => CheckDecision.Of(this);

    /// <summary>Compares a candidate output with the reference and decides in the tolerance's mode.</summary>
    public static OutputCheck Check(string name, Tensor reference, Tensor candidate, ToleranceSpec tolerance)
    {
        var comparison = TensorComparer.Compare(name, reference, candidate, tolerance.Atol, tolerance.Rtol);
        var shape = reference.ShapeArray();
        if (comparison.Detail is not null || !comparison.ShapeMatches || reference.DataType == DataType.String)
        {
            return new OutputCheck(comparison, null, tolerance, shape, comparison.Passed, double.NaN, double.NaN);
        }
        var stats = ErrorStatistics.Compute(reference, candidate);
        if (tolerance.Stat == ErrorStat.Elemwise)
        {
            return new OutputCheck(comparison, stats, tolerance, shape, comparison.Passed, stats.MinAtol(tolerance.Rtol), stats.MinRtol(tolerance.Atol));
        }
        if (tolerance.IsCriterion)
        {
            var measured = Measure(reference, candidate, stats, tolerance);
            var passed = stats.NonFiniteMismatches == 0 && (stats.FinitePairs == 0 || tolerance.Meets(measured));
            var none = stats.NonFiniteMismatches > 0 ? double.PositiveInfinity : double.NaN;
            return new OutputCheck(comparison, stats, tolerance, shape, passed, none, none, measured);
        }
        if (stats.NonFiniteMismatches > 0)
        {
            return new OutputCheck(comparison, stats, tolerance, shape, false, double.PositiveInfinity, double.PositiveInfinity);
        }
        if (stats.FinitePairs == 0)
        {
            return new OutputCheck(comparison, stats, tolerance, shape, true, 0, 0);
        }
        var (abs, rel) = (tolerance.Of(stats, relative: false), tolerance.Of(stats, relative: true));
        var (absPasses, relPasses) = (abs <= tolerance.Atol, rel <= tolerance.Rtol);
        return new OutputCheck(comparison, stats, tolerance, shape, absPasses || relPasses, relPasses ? 0 : abs, absPasses ? 0 : rel);
    }

    private static double Measure(Tensor reference, Tensor candidate, ErrorStatistics stats, ToleranceSpec tolerance) => tolerance.Stat switch
    {
        ErrorStat.Cosine => stats.Cosine,
        ErrorStat.Psnr => stats.Psnr,
        ErrorStat.RelL2 => stats.RelativeL2,
        _ => TopKAgreement.Share(reference, candidate, tolerance.TopK),
    };
}
