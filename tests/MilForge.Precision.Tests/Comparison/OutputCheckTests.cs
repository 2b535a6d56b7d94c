using MilForge.Precision.Comparison;

namespace MilForge.Precision.Tests.Comparison;

public class OutputCheckTests
{
    private static Tensor F(params float[] v) => Tensor.Vector(v);

    // One outlier among ten: |a - r| = [0 × 9, 1]; r = 4 everywhere, so relative = abs / 4.
    private static readonly Tensor Reference = F(4, 4, 4, 4, 4, 4, 4, 4, 4, 4);
    private static readonly Tensor Outlier = F(4, 4, 4, 4, 4, 4, 4, 4, 4, 5);

    private static OutputCheck Check(ErrorStat stat, double atol = 0.01, double rtol = 0.01, double quantile = 0.99) =>
        OutputCheck.Check("y", Reference, Outlier, new ToleranceSpec(atol, rtol, stat, quantile));

    [Fact]
    public void ElemwiseIsTodaysRuleAndReportsElementwiseMinimumTolerances()
    {
        var c = Check(ErrorStat.Elemwise);
        Assert.False(c.Passed);
        Assert.Equal(1, c.Comparison.Mismatches);
        Assert.Equal(1 - (0.01 * 4), c.MinAtol, 12);
        Assert.Equal((1 - 0.01) / 4, c.MinRtol, 12);
        Assert.True(double.IsNaN(c.CheckedAbsolute));
    }

    [Fact]
    public void StatisticModesCompareTheStatisticWithTheTolerances()
    {
        Assert.False(Check(ErrorStat.Max).Passed); // max abs 1 > 0.01 and max rel 0.25 > 0.01
        Assert.True(Check(ErrorStat.Median).Passed); // median 0
        Assert.False(Check(ErrorStat.Mean).Passed); // mean abs 0.1, mean rel 0.025
        Assert.True(Check(ErrorStat.Mean, atol: 0.1).Passed);
        Assert.True(Check(ErrorStat.Mean, rtol: 0.025).Passed); // either test alone suffices
        Assert.False(Check(ErrorStat.Quantile).Passed); // p99 at rank 8.91: 0.91
        Assert.True(Check(ErrorStat.Quantile, quantile: 0.8).Passed);
    }

    [Fact]
    public void StatisticModesReportTheStatisticAndTheToleranceThatWouldPass()
    {
        var c = Check(ErrorStat.Mean);
        Assert.Equal(0.1, c.CheckedAbsolute, 12);
        Assert.Equal(0.025, c.CheckedRelative, 12);
        Assert.Equal(0.1, c.MinAtol, 12);
        Assert.Equal(0.025, c.MinRtol, 12);
        var passing = Check(ErrorStat.Mean, rtol: 0.05);
        Assert.Equal(0, passing.MinAtol); // the relative test passes whatever atol is
        Assert.Equal(0.025, passing.MinRtol, 12);
    }

    [Fact]
    public void NewNonFiniteValuesFailEveryModeWithTheNonFiniteVerdict()
    {
        foreach (var stat in Enum.GetValues<ErrorStat>())
        {
            var c = OutputCheck.Check("y", F(1, 1, 1), F(1, 1, float.PositiveInfinity), new ToleranceSpec(1e-3, 1e-3, stat));
            Assert.False(c.Passed);
            Assert.Equal(double.PositiveInfinity, c.MinAtol);
            Assert.Equal(ComparisonVerdict.NonFinite, Verdicts.Of([c]));
        }
    }

    [Fact]
    public void LostNonFiniteValuesFailStatisticModesToo()
    {
        var c = OutputCheck.Check("y", F(1, float.NaN), F(1, 1), new ToleranceSpec(1, 1, ErrorStat.Median));
        Assert.False(c.Passed);
        Assert.Equal(ComparisonVerdict.Differ, Verdicts.Of([c]));
    }

    [Fact]
    public void ShapeMismatchFailsWithoutStatistics()
    {
        var c = OutputCheck.Check("y", Tensor.Create(new float[6], 2, 3), Tensor.Create(new float[6], 3, 2), new ToleranceSpec(1, 1, ErrorStat.Mean));
        Assert.False(c.Passed);
        Assert.Null(c.Statistics);
        Assert.Equal([2, 3], c.Shape);
    }
}
