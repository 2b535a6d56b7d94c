using MilForge.Numerics;

namespace MilForge.Precision.Comparison;

/// <summary>
/// Error statistics of a candidate tensor against a reference of the same shape: summaries and quantiles of the
/// absolute error |a − r| and of the relative error |a − r| / |r|, PSNR, cosine similarity, relative L2 error, the smallest tolerances
/// that pass the elementwise rule, and a decade histogram.
/// </summary>
/// <remarks>
/// <para>Only <em>finite pairs</em> (both values finite) enter the statistics. A pair with a NaN or an infinity is a
/// match when both are NaN or both are the same infinity, and a non-finite mismatch otherwise; mismatches are counted,
/// never averaged, and no tolerance makes them pass.</para>
/// <para>Relative error where the reference is exactly zero: 0 when the candidate is zero too, +∞ otherwise (no finite
/// rtol covers a deviation from an exact zero; at r = 0 only atol can, as in the elementwise rule). Such elements
/// stay in the relative statistics, which can therefore be +∞, and are counted in <see cref="ZeroReferenceErrors"/>.</para>
/// <para>Quantiles interpolate linearly between the two nearest ranks (NumPy's default): the median of an even count
/// is the mean of the middle two. Statistics of an empty set (no finite pair) are NaN.</para>
/// </remarks>
public sealed class ErrorStatistics
{
    /// <summary>Labels of <see cref="Histogram"/>'s buckets.</summary>
    public static readonly IReadOnlyList<string> HistogramBuckets =
        ["<1e-8", "1e-8", "1e-7", "1e-6", "1e-5", "1e-4", "1e-3", "1e-2", "1e-1", "1", "10", "100", "1e3", "≥1e4", "NaN/Inf"];

    private readonly double[] _diff;
    private readonly double[] _absReference;
    private readonly double[] _sortedAbs;
    private readonly double[] _sortedRel;

    private ErrorStatistics(double[] diff, double[] absReference, long elements, long matches, long mismatches, long fresh, double dot, double candidateNorm2)
    {
        (_diff, _absReference) = (diff, absReference);
        (Elements, NonFiniteMatches, NonFiniteMismatches, NewNonFinite) = (elements, matches, mismatches, fresh);
        _sortedAbs = [.. diff];
        Array.Sort(_sortedAbs);
        _sortedRel = new double[diff.Length];
        double sumSquares = 0, referenceNorm2 = 0, maxReference = 0;
        for (var i = 0; i < diff.Length; i++)
        {
            _sortedRel[i] = absReference[i] != 0 ? diff[i] / absReference[i] : diff[i] == 0 ? 0 : double.PositiveInfinity;
            ZeroReferenceErrors += absReference[i] == 0 && diff[i] != 0 ? 1 : 0;
            sumSquares += diff[i] * diff[i];
            referenceNorm2 += absReference[i] * absReference[i];
            maxReference = Math.Max(maxReference, absReference[i]);
        }
        Array.Sort(_sortedRel);
        Absolute = Summarize(_sortedAbs);
        Relative = Summarize(_sortedRel);
        var rmse = Math.Sqrt(sumSquares / diff.Length);
        Psnr = diff.Length == 0 ? double.NaN : rmse == 0 ? double.PositiveInfinity : 20 * Math.Log10(maxReference / rmse);
        RelativeL2 = diff.Length == 0 ? double.NaN
            : referenceNorm2 == 0 ? (sumSquares == 0 ? 0 : double.PositiveInfinity)
            : Math.Sqrt(sumSquares) / Math.Sqrt(referenceNorm2);
        Cosine = diff.Length == 0 ? double.NaN
            : candidateNorm2 == 0 && referenceNorm2 == 0 ? 1
            : candidateNorm2 == 0 || referenceNorm2 == 0 ? 0
            : Math.Clamp(dot / Math.Sqrt(candidateNorm2 * referenceNorm2), -1, 1);
        Histogram = Decades(_sortedAbs, mismatches);
    }

    /// <summary>Number of elements.</summary>
    public long Elements { get; }

    /// <summary>Pairs where both values are finite: the ones the statistics describe.</summary>
    public long FinitePairs => _diff.Length;

    /// <summary>Pairs with NaN on both sides or the same infinity on both sides.</summary>
    public long NonFiniteMatches { get; }

    /// <summary>Every other pair with a NaN or an infinity on either side (these always fail).</summary>
    public long NonFiniteMismatches { get; }

    /// <summary>The part of <see cref="NonFiniteMismatches"/> where the candidate is NaN/Inf and the reference finite.</summary>
    public long NewNonFinite { get; }

    /// <summary>Finite pairs whose reference is exactly zero while the candidate is not: relative error +∞.</summary>
    public long ZeroReferenceErrors { get; }

    /// <summary>Mean, median, 99th percentile and maximum of |a − r|.</summary>
    public ErrorSummary Absolute { get; }

    /// <summary>Mean, median, 99th percentile and maximum of |a − r| / |r| (see the remarks for r = 0).</summary>
    public ErrorSummary Relative { get; }

    /// <summary>
    /// 20·log10(peak / RMSE) in dB, the peak being the reference's largest |value| (not its range); +∞ when the finite
    /// pairs are equal, −∞ when the reference is all zeros and the candidate is not, NaN when there are none.
    /// </summary>
    public double Psnr { get; }

    /// <summary>Σ a·r / (‖a‖·‖r‖); 1 when both are all zeros, 0 when only one is, NaN when there is no finite pair.</summary>
    public double Cosine { get; }

    /// <summary>‖a − r‖₂ / ‖r‖₂; 0 when both norms are zero, +∞ when only the reference's is, NaN when there is no finite pair.</summary>
    public double RelativeL2 { get; }

    /// <summary>Counts of |a − r| per decade, [0, 1e-8), [1e-8, 1e-7), …, [1e4, ∞), then the non-finite mismatches.</summary>
    public IReadOnlyList<long> Histogram { get; }

    /// <summary>Computes the statistics; the tensors must have the same shape and a numeric type.</summary>
    public static ErrorStatistics Compute(Tensor reference, Tensor candidate)
    {
        if (!reference.Shape.SequenceEqual(candidate.Shape))
        {
            throw new ArgumentException("The tensors must have the same shape.", nameof(candidate));
        }
        var r = reference.AsDoubles();
        var c = candidate.AsDoubles();
        var diff = new List<double>(r.Length);
        var absReference = new List<double>(r.Length);
        long matches = 0, mismatches = 0, fresh = 0;
        double dot = 0, candidateNorm2 = 0;
        for (var i = 0; i < r.Length; i++)
        {
            var (a, e) = (c[i], r[i]);
            if (!double.IsFinite(a) || !double.IsFinite(e))
            {
                var same = (double.IsNaN(a) && double.IsNaN(e)) || a.Equals(e);
                matches += same ? 1 : 0;
                mismatches += same ? 0 : 1;
                fresh += !double.IsFinite(a) && double.IsFinite(e) ? 1 : 0;
                continue;
            }
            diff.Add(Math.Abs(a - e));
            absReference.Add(Math.Abs(e));
            dot += a * e;
            candidateNorm2 += a * a;
        }
        return new ErrorStatistics([.. diff], [.. absReference], r.Length, matches, mismatches, fresh, dot, candidateNorm2);
    }

    /// <summary>The <paramref name="q"/>-quantile (0 ≤ q ≤ 1) of |a − r|.</summary>
    public double AbsoluteQuantile(double q) => Quantile(_sortedAbs, q);

    /// <summary>The <paramref name="q"/>-quantile (0 ≤ q ≤ 1) of the relative error.</summary>
    public double RelativeQuantile(double q) => Quantile(_sortedRel, q);

    /// <summary>
    /// The smallest atol with which every element passes |a − r| ≤ atol + rtol·|r| for the given rtol (exact in
    /// double arithmetic: the comparer passes at this value, not one ulp below); +∞ with a non-finite mismatch.
    /// </summary>
    public double MinAtol(double rtol)
    {
        if (NonFiniteMismatches > 0)
        {
            return double.PositiveInfinity;
        }
        double result = 0;
        for (var i = 0; i < _diff.Length; i++)
        {
            var allowance = rtol * _absReference[i];
            if (_diff[i] > allowance)
            {
                result = Math.Max(result, Smallest(_diff[i] - allowance, x => x + allowance >= _diff[i]));
            }
        }
        return result;
    }

    /// <summary>
    /// The smallest rtol with which every element passes |a − r| ≤ atol + rtol·|r| for the given atol; +∞ when an
    /// element off an exact-zero reference exceeds atol, or with a non-finite mismatch.
    /// </summary>
    public double MinRtol(double atol)
    {
        if (NonFiniteMismatches > 0)
        {
            return double.PositiveInfinity;
        }
        double result = 0;
        for (var i = 0; i < _diff.Length; i++)
        {
            if (_diff[i] <= atol)
            {
                continue;
            }
            var (d, m) = (_diff[i], _absReference[i]);
            result = m == 0 ? double.PositiveInfinity : Math.Max(result, Smallest((d - atol) / m, x => atol + (x * m) >= d));
        }
        return result;
    }

    /// <summary>Linear interpolation between the closest ranks of an ascending array; NaN when it is empty.</summary>
    internal static double Quantile(double[] sorted, double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var position = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(position);
        var fraction = position - lo;
        if (fraction == 0 || lo + 1 >= sorted.Length)
        {
            return sorted[lo];
        }
        var (x, y) = (sorted[lo], sorted[lo + 1]);
        return x == y || double.IsPositiveInfinity(y) ? y : x + (fraction * (y - x));
    }

    private static ErrorSummary Summarize(double[] sorted)
    {
        var mean = sorted.Length == 0 ? double.NaN : sorted.Sum() / sorted.Length;
        return new ErrorSummary(mean, Quantile(sorted, 0.5), Quantile(sorted, 0.99), sorted.Length == 0 ? double.NaN : sorted[^1]);
    }

    /// <summary>
    /// The smallest non-negative double satisfying a monotone predicate, near an estimate: the estimate alone can be
    /// off by the rounding of the comparer's own arithmetic, so the answer is bisected over the bit patterns (ordered
    /// like the values for non-negative doubles).
    /// </summary>
    private static double Smallest(double estimate, Func<double, bool> passes)
    {
        if (passes(0))
        {
            return 0;
        }
        var hi = Math.Max(estimate, double.Epsilon);
        while (!passes(hi))
        {
            hi = double.IsPositiveInfinity(hi) ? throw new InvalidOperationException("No tolerance passes.") : hi * 2;
        }
        long low = 0, high = BitConverter.DoubleToInt64Bits(hi);
        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            (low, high) = passes(BitConverter.Int64BitsToDouble(middle)) ? (low, middle) : (middle, high);
        }
        return BitConverter.Int64BitsToDouble(high);
    }

    private static long[] Decades(double[] sortedAbs, long nonFiniteMismatches)
    {
        var buckets = new long[HistogramBuckets.Count];
        foreach (var d in sortedAbs)
        {
            buckets[d < 1e-8 ? 0 : d >= 1e4 ? 13 : (int)Math.Floor(Math.Log10(d)) + 9]++;
        }
        buckets[^1] = nonFiniteMismatches;
        return buckets;
    }
}

/// <summary>Summary of an error distribution (NaN when it is empty).</summary>
/// <param name="Mean">Arithmetic mean.</param>
/// <param name="Median">0.5-quantile.</param>
/// <param name="P99">0.99-quantile.</param>
/// <param name="Max">Largest value.</param>
public sealed record ErrorSummary(double Mean, double Median, double P99, double Max);
