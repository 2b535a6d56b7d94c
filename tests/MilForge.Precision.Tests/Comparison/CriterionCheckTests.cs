using MilForge.Precision.Comparison;

namespace MilForge.Precision.Tests.Comparison;

/// <summary>The task-level criteria of <see cref="OutputCheck"/>: cosine, psnr, rel-l2 and topk:K, at their edges.</summary>
public class CriterionCheckTests
{
    private static Tensor F(params float[] v) => Tensor.Vector(v);

    private static OutputCheck Check(Tensor reference, Tensor candidate, ErrorStat stat, double threshold = double.NaN, int k = 1)
    {
        var t = new ToleranceSpec(0, 0, stat) { TopK = k };
        t = double.IsNaN(threshold) ? t : stat switch
        {
            ErrorStat.Cosine => t with { MinCosine = threshold },
            ErrorStat.Psnr => t with { MinPsnr = threshold },
            ErrorStat.RelL2 => t with { MaxRelL2 = threshold },
            _ => t with { MinTopKAgreement = threshold },
        };
        return OutputCheck.Check("y", reference, candidate, t);
    }

    [Fact]
    public void DefaultsAreDocumented()
    {
        var t = new ToleranceSpec(1e-4, 1e-3);
        Assert.Equal((0.9999, 40.0, 1e-2, 1, 1.0), (t.MinCosine, t.MinPsnr, t.MaxRelL2, t.TopK, t.MinTopKAgreement));
        Assert.Equal(["elemwise", "max", "mean", "median", "quantile", "cosine", "psnr", "rel-l2", "topk"], Enum.GetValues<ErrorStat>().Select(ToleranceSpec.Name));
        Assert.All(Enum.GetValues<ErrorStat>(), s => Assert.Equal(s, ToleranceSpec.ParseStat(ToleranceSpec.Name(s))));
        Assert.Null(ToleranceSpec.ParseStat("rell2"));
    }

    [Fact]
    public void CosinePassesAtTheThresholdAndFailsJustAbove()
    {
        // r = [3, 4], a = [4, 3]: cosine = 24 / 25 = 0.96.
        var c = Check(F(3, 4), F(4, 3), ErrorStat.Cosine, 0.96);
        Assert.Equal(0.96, c.Measured, 12);
        Assert.True(Check(F(3, 4), F(4, 3), ErrorStat.Cosine, 0.96 - 1e-12).Passed);
        Assert.False(Check(F(3, 4), F(4, 3), ErrorStat.Cosine, 0.96 + 1e-9).Passed);
        Assert.True(Check(F(3, 4), F(6, 8), ErrorStat.Cosine).Passed); // scale-invariant: cosine 1 although every element is off
        Assert.Equal(-1, Check(F(3, 4), F(-3, -4), ErrorStat.Cosine).Measured, 12);
        Assert.False(Check(F(3, 4), F(-3, -4), ErrorStat.Cosine, -0.5).Passed);
    }

    [Fact]
    public void CosineOfZeroNormsIsOneForBothZeroAndZeroForOne()
    {
        Assert.True(Check(F(0, 0, 0), F(0, 0, 0), ErrorStat.Cosine).Passed);
        var oneZero = Check(F(0, 0, 0), F(0, 1e-3f, 0), ErrorStat.Cosine);
        Assert.False(oneZero.Passed);
        Assert.Equal(0, oneZero.Measured);
        Assert.False(Check(F(1, 2, 3), F(0, 0, 0), ErrorStat.Cosine).Passed);
    }

    [Fact]
    public void PsnrUsesTheReferencesLargestMagnitudeAsPeak()
    {
        // peak |r| = 10, RMSE = sqrt((1² + 0²) / 2) = 1/√2: PSNR = 20·log10(10√2) = 23.0103 dB.
        var expected = 20 * Math.Log10(10 * Math.Sqrt(2));
        var c = Check(F(-10, 5), F(-9, 5), ErrorStat.Psnr, expected);
        Assert.Equal(expected, c.Measured, 9);
        Assert.True(Check(F(-10, 5), F(-9, 5), ErrorStat.Psnr, expected - 1e-9).Passed);
        Assert.False(Check(F(-10, 5), F(-9, 5), ErrorStat.Psnr, expected + 1e-9).Passed);
        Assert.False(Check(F(-10, 5), F(-9, 5), ErrorStat.Psnr).Passed); // default 40 dB
    }

    [Fact]
    public void PsnrOfAConstantReference()
    {
        Assert.Equal(double.PositiveInfinity, Check(F(2, 2, 2), F(2, 2, 2), ErrorStat.Psnr).Measured);
        Assert.True(Check(F(2, 2, 2), F(2, 2, 2), ErrorStat.Psnr).Passed);
        // A constant non-zero reference still has a peak: |2| / RMSE 0.002 = 1000, 60 dB.
        Assert.Equal(60, Check(F(2, 2, 2), F(2.002f, 1.998f, 2.002f), ErrorStat.Psnr).Measured, 3);
        // An all-zero reference has no peak: any error is -∞ dB and fails.
        var zero = Check(F(0, 0, 0), F(0, 1e-6f, 0), ErrorStat.Psnr);
        Assert.Equal(double.NegativeInfinity, zero.Measured);
        Assert.False(zero.Passed);
    }

    [Fact]
    public void RelL2IsTheErrorNormOverTheReferenceNorm()
    {
        // ‖a − r‖ = √(0.3² + 0.4²) = 0.5, ‖r‖ = √(3² + 4²) = 5: 0.1.
        var c = Check(F(3, 4), F(3.3f, 4.4f), ErrorStat.RelL2, 0.1 + 1e-6);
        Assert.Equal(0.1, c.Measured, 6);
        Assert.True(c.Passed);
        Assert.False(Check(F(3, 4), F(3.3f, 4.4f), ErrorStat.RelL2, 0.1 - 1e-6).Passed);
        Assert.False(Check(F(3, 4), F(3.3f, 4.4f), ErrorStat.RelL2).Passed); // default 1e-2
        Assert.True(Check(F(3, 4), F(3.003f, 4.004f), ErrorStat.RelL2).Passed);
    }

    [Fact]
    public void RelL2OfAZeroReferenceIsZeroOrInfinite()
    {
        Assert.Equal(0, Check(F(0, 0), F(0, 0), ErrorStat.RelL2).Measured);
        Assert.True(Check(F(0, 0), F(0, 0), ErrorStat.RelL2).Passed);
        Assert.Equal(double.PositiveInfinity, Check(F(0, 0), F(0, 1e-9f), ErrorStat.RelL2).Measured);
        Assert.False(Check(F(0, 0), F(0, 1e-9f), ErrorStat.RelL2).Passed);
    }

    [Fact]
    public void TopKAgreementCountsRowsWhoseCandidateArgmaxIsInTheReferencesTopK()
    {
        // Three rows of four classes. Reference ranks: row 0 class 3 > 2 > 1 > 0; row 1 class 0 > 1 > 2 > 3; row 2 class 1 > 3 > 0 > 2.
        var reference = Tensor.Create(new float[] { 0, 1, 2, 3, 4, 3, 2, 1, 2, 9, 1, 5 }, 3, 4);
        // Candidate argmaxes: row 0 class 3 (top-1), row 1 class 1 (2nd), row 2 class 0 (3rd).
        var candidate = Tensor.Create(new float[] { 0, 1, 2, 3, 3, 4, 2, 1, 9, 2, 1, 5 }, 3, 4);
        Assert.Equal(1.0 / 3, Check(reference, candidate, ErrorStat.TopK, k: 1).Measured, 12);
        Assert.Equal(2.0 / 3, Check(reference, candidate, ErrorStat.TopK, k: 2).Measured, 12);
        Assert.Equal(1, Check(reference, candidate, ErrorStat.TopK, k: 3).Measured);
        Assert.Equal(1, Check(reference, candidate, ErrorStat.TopK, k: 9).Measured); // K beyond the row length always agrees
        Assert.False(Check(reference, candidate, ErrorStat.TopK, k: 2).Passed); // default: every row must agree
        Assert.True(Check(reference, candidate, ErrorStat.TopK, 2.0 / 3, k: 2).Passed);
        Assert.False(Check(reference, candidate, ErrorStat.TopK, 0.67, k: 2).Passed);
    }

    [Fact]
    public void TopKTiesFollowTheDocumentedRule()
    {
        // Candidate ties: its argmax is the first maximum (class 0). Reference ties at the K-th place are all in the top K.
        Assert.Equal(0, TopKAgreement.Share(F(1, 2, 0), F(5, 5, 0), 1));
        Assert.Equal(1, TopKAgreement.Share(F(2, 2, 0), F(0, 5, 0), 1)); // class 1 ties the reference's maximum
        Assert.Equal(1, TopKAgreement.Share(F(3, 1, 1), F(0, 0, 5), 2)); // classes 1 and 2 tie for 2nd place
        Assert.Equal(1, TopKAgreement.Share(Tensor.Scalar(1f), Tensor.Scalar(-7f), 1)); // a scalar is one row
    }

    [Fact]
    public void NonFiniteMismatchesFailEveryCriterionAndMatchingNaNsDoNot()
    {
        foreach (var stat in new[] { ErrorStat.Cosine, ErrorStat.Psnr, ErrorStat.RelL2, ErrorStat.TopK })
        {
            var c = Check(F(1, 2, 3), F(1, 2, float.NaN), stat, k: 3);
            Assert.False(c.Passed, ToleranceSpec.Name(stat));
            Assert.Equal(ComparisonVerdict.NonFinite, Verdicts.Of([c]));
            Assert.Equal("nonfinite", c.Decision.Criterion);
            Assert.True(Check(F(1, 2, float.NaN), F(1, 2, float.NaN), stat).Passed, ToleranceSpec.Name(stat));
            Assert.True(Check(F(float.NaN), F(float.NaN), stat).Passed, ToleranceSpec.Name(stat)); // no finite pair: nothing fails
        }
    }

    [Fact]
    public void TheDecisionNamesTheCriterionItsValueAndTheThreshold()
    {
        var cosine = Check(F(3, 4), F(4, 3), ErrorStat.Cosine).Decision;
        Assert.Equal(("cosine", ">=", 0.9999, false), (cosine.Criterion, cosine.Relation, cosine.Threshold, cosine.Passed));
        Assert.Equal("cosine 0.96 < 0.9999", cosine.Text);
        Assert.Equal("rel-l2 0.1 <= 0.2", Check(F(3, 4), F(3.3f, 4.4f), ErrorStat.RelL2, 0.2).Decision.Text);
        Assert.Equal("topk:2", Check(F(1, 2), F(2, 1), ErrorStat.TopK, k: 2).Decision.Criterion);
        Assert.Equal("elemwise mismatches 1 > 0", OutputCheck.Check("y", F(1, 2), F(1, 3), new ToleranceSpec(0, 0)).Decision.Text);
        var mean = OutputCheck.Check("y", F(4, 4), F(4, 5), new ToleranceSpec(0.1, 0.2, ErrorStat.Mean)).Decision; // mean abs 0.5, mean rel 0.125
        Assert.Equal(("mean rel", 0.125, 0.2, true), (mean.Criterion, mean.Measured, mean.Threshold, mean.Passed));
    }
}
