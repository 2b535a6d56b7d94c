using MilForge.Precision.Comparison;

namespace MilForge.Precision.Tests.Comparison;

public class ErrorStatisticsTests
{
    private static Tensor F(params float[] v) => Tensor.Vector(v);

    private static ErrorStatistics Stats(float[] reference, float[] candidate) => ErrorStatistics.Compute(F(reference), F(candidate));

    [Fact]
    public void QuantilesInterpolateBetweenRanksAndTheMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo()
    {
        // |a - r| = [0.5, 1, 2, 4] (all exact in binary).
        var s = Stats([2, 4, 8, 16], [2.5f, 5, 10, 20]);
        Assert.Equal(1.875, s.Absolute.Mean);
        Assert.Equal(1.5, s.Absolute.Median);
        Assert.Equal(4, s.Absolute.Max);
        Assert.Equal(2 + (0.97 * 2), s.Absolute.P99, 12); // rank 0.99 * 3 = 2.97
        Assert.Equal(0.5, s.AbsoluteQuantile(0));
        Assert.Equal(0.875, s.AbsoluteQuantile(0.25));
        Assert.Equal(4, s.AbsoluteQuantile(1));
        Assert.Equal(0.25, s.Relative.Median);
        Assert.Equal(0.25, s.Relative.Max);
    }

    [Fact]
    public void MedianOfAnOddCountIsTheMiddleValue()
    {
        var s = Stats([0, 0, 0], [3, -1, 2]);
        Assert.Equal(2, s.Absolute.Median);
        Assert.Equal(2, s.Absolute.Mean);
    }

    [Fact]
    public void RelativeErrorIsSortedIndependentlyOfTheAbsoluteError()
    {
        // |a - r| = [1, 1, 1, 4]; relative = [0.5, 0.25, 0.125, 0.25].
        var s = Stats([2, 4, 8, 16], [3, 5, 9, 20]);
        Assert.Equal(0.28125, s.Relative.Mean);
        Assert.Equal(0.25, s.Relative.Median);
        Assert.Equal(0.5, s.Relative.Max);
        Assert.Equal(0.125, s.RelativeQuantile(0));
        Assert.Equal(1, s.Absolute.Median);
    }

    [Fact]
    public void ZeroReferenceGivesInfiniteRelativeErrorUnlessTheCandidateIsZeroToo()
    {
        var s = Stats([0, 0, 4, 4], [0, 1, 5, 5]);
        Assert.Equal(1, s.ZeroReferenceErrors);
        Assert.Equal(double.PositiveInfinity, s.Relative.Max);
        Assert.Equal(double.PositiveInfinity, s.Relative.Mean);
        Assert.Equal(0.25, s.Relative.Median); // sorted [0, 0.25, 0.25, ∞]
        Assert.Equal(0, s.RelativeQuantile(0));
        Assert.Equal(double.PositiveInfinity, s.MinRtol(0.5));
        Assert.Equal(0, s.MinRtol(1));
    }

    [Fact]
    public void PsnrOfAKnownRmse()
    {
        // Every |a - r| is 1, so RMSE = 1; max |r| = 10: PSNR = 20 log10(10) = 20 dB.
        var s = Stats([10, -10, 0, 3], [11, -9, 1, 2]);
        Assert.Equal(20, s.Psnr, 12);
        Assert.Equal(double.PositiveInfinity, Stats([1, 2], [1, 2]).Psnr);
        // RMSE sqrt((4 + 0) / 2) = sqrt(2), max |r| = 2: 20 log10(2 / sqrt 2) = 10 log10(2).
        Assert.Equal(10 * Math.Log10(2), Stats([2, 1], [0, 1]).Psnr, 12);
    }

    [Fact]
    public void CosineSimilarity()
    {
        Assert.Equal(1, Stats([1, 2], [2, 4]).Cosine, 12);
        Assert.Equal(0, Stats([1, 0], [0, 1]).Cosine, 12);
        Assert.Equal(-1, Stats([1, 2], [-1, -2]).Cosine, 12);
        Assert.Equal(1 / Math.Sqrt(2), Stats([1, 1], [1, 0]).Cosine, 12);
        Assert.Equal(1, Stats([0, 0], [0, 0]).Cosine);
        Assert.Equal(0, Stats([1, 0], [0, 0]).Cosine);
    }

    [Fact]
    public void MinimumTolerancesByHand()
    {
        // d = 0.5 at r = 1 and d = 0.25 at r = 2.
        var s = Stats([1, 2], [1.5f, 2.25f]);
        Assert.Equal(0.5, s.MinAtol(0));
        // max(0.5 - 0.25, 0.25 - 0.5 → 0); 0.25 - 2^-55 passes too, as 0.25 - 2^-55 + 0.25 rounds (to even) to 0.5.
        Assert.Equal(0.25 - Math.Pow(2, -55), s.MinAtol(0.25));
        Assert.Equal(0, s.MinAtol(0.5));
        Assert.Equal(0.5, s.MinRtol(0)); // max(0.5 / 1, 0.25 / 2)
        Assert.Equal(0.25 - Math.Pow(2, -55), s.MinRtol(0.25)); // (0.5 - 0.25) / 1, same rounding
        Assert.Equal(0, s.MinRtol(0.5));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-3)]
    [InlineData(0.0333)]
    [InlineData(0.03333)]
    public void MinimumTolerancesPassExactlyAtTheBoundaryAndFailOneUlpBelow(double given)
    {
        float[] reference = [3f, -0.7f, 12.5f, 1e-3f, 65504f, 0.1f];
        float[] candidate = [3.1f, -0.69f, 12.4f, 1.2e-3f, 65000f, 0.1f];
        var (r, c) = (F(reference), F(candidate));
        var s = ErrorStatistics.Compute(r, c);
        var atol = s.MinAtol(given);
        Assert.True(atol > 0);
        Assert.True(TensorComparer.Compare("y", r, c, atol, given).Passed);
        Assert.False(TensorComparer.Compare("y", r, c, Math.BitDecrement(atol), given).Passed);
        var rtol = s.MinRtol(given);
        Assert.True(rtol > 0);
        Assert.True(TensorComparer.Compare("y", r, c, given, rtol).Passed);
        Assert.False(TensorComparer.Compare("y", r, c, given, Math.BitDecrement(rtol)).Passed);
    }

    [Fact]
    public void NaNAndInfinityPairsAreCountedNotAveraged()
    {
        var s = Stats([float.NaN, float.PositiveInfinity, 1, 2, 3, float.NaN, float.PositiveInfinity],
            [float.NaN, float.PositiveInfinity, float.NaN, 2.5f, 3, 4, float.NegativeInfinity]);
        Assert.Equal(7, s.Elements);
        Assert.Equal(2, s.FinitePairs);
        Assert.Equal(2, s.NonFiniteMatches);
        Assert.Equal(3, s.NonFiniteMismatches); // NaN for 1, 4 for NaN, -Inf for +Inf
        Assert.Equal(1, s.NewNonFinite);
        Assert.Equal(0.25, s.Absolute.Mean);
        Assert.Equal(0.5, s.Absolute.Max);
        Assert.True(double.IsFinite(s.Psnr));
        Assert.Equal(double.PositiveInfinity, s.MinAtol(1));
        Assert.Equal(double.PositiveInfinity, s.MinRtol(1));
        Assert.Equal(3, s.Histogram[^1]);
    }

    [Fact]
    public void MatchingNonFiniteValuesAloneLeaveEmptyStatistics()
    {
        var s = Stats([float.NaN, float.NegativeInfinity], [float.NaN, float.NegativeInfinity]);
        Assert.Equal(0, s.FinitePairs);
        Assert.True(double.IsNaN(s.Absolute.Mean));
        Assert.True(double.IsNaN(s.Relative.Median));
        Assert.True(double.IsNaN(s.Psnr));
        Assert.True(double.IsNaN(s.Cosine));
        Assert.Equal(0, s.MinAtol(0));
    }

    [Fact]
    public void HistogramCountsDecades()
    {
        var s = Stats([0, 0, 0, 0, 0], [0, 5e-4f, 0.5f, 2e4f, 1e-9f]);
        Assert.Equal(ErrorStatistics.HistogramBuckets.Count, s.Histogram.Count);
        Assert.Equal(2, s.Histogram[0]);
        Assert.Equal(1, s.Histogram[5]); // [1e-4, 1e-3)
        Assert.Equal(1, s.Histogram[8]); // [0.1, 1)
        Assert.Equal(1, s.Histogram[13]); // ≥ 1e4
        Assert.Equal(0, s.Histogram[^1]);
    }

    [Fact]
    public void ShapesMustMatch()
    {
        Assert.Throws<ArgumentException>(() => ErrorStatistics.Compute(Tensor.Create(new float[6], 2, 3), Tensor.Create(new float[6], 3, 2)));
    }
}
