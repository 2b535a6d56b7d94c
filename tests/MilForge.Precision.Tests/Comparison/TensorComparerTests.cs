using MilForge.Precision.Comparison;

namespace MilForge.Precision.Tests.Comparison;

public class TensorComparerTests
{
    private static Tensor F(params float[] v) => Tensor.Vector(v);

    [Fact]
    public void ToleranceIsRelativeToTheReferenceNotSymmetric()
    {
        // |a - r| = 1; atol 0, rtol 0.5: passes against r = 2 (bound 1), fails against r = 1 with a = 2 (bound 0.5).
        Assert.True(TensorComparer.Compare("y", F(2), F(1), 0, 0.5).Passed);
        Assert.False(TensorComparer.Compare("y", F(1), F(2), 0, 0.5).Passed);
    }

    [Fact]
    public void BoundaryIsInclusive()
    {
        var c = TensorComparer.Compare("y", F(1), F(1.5f), 0.25, 0.25);
        Assert.True(c.Passed);
        Assert.Equal(0.5, c.MaxAbsError, 6);
        Assert.Equal(0.5, c.MaxRelError, 6);
    }

    [Fact]
    public void NaNMatchesNaNAndInfinityMatchesItself()
    {
        var c = TensorComparer.Compare("y", F(float.NaN, float.PositiveInfinity, 1), F(float.NaN, float.PositiveInfinity, 1), 1e-6, 1e-6);
        Assert.True(c.Passed);
        Assert.Equal(1, c.ReferenceNaN);
        Assert.Equal(1, c.CandidateInf);
        Assert.Equal(0, c.NewNonFinite);
    }

    [Fact]
    public void NewNonFiniteValuesAreCountedAndGiveTheNonFiniteVerdict()
    {
        var c = TensorComparer.Compare("y", F(1, 2, 3), F(float.NaN, float.NegativeInfinity, 3), 1e-3, 1e-3);
        Assert.False(c.Passed);
        Assert.Equal(2, c.Mismatches);
        Assert.Equal(2, c.NewNonFinite);
        Assert.Equal(ComparisonVerdict.NonFinite, Verdicts.Of([c]));
    }

    [Fact]
    public void WrongSignInfinityIsAMismatch()
    {
        Assert.False(TensorComparer.Compare("y", F(float.PositiveInfinity), F(float.NegativeInfinity), 1, 1).Passed);
    }

    [Fact]
    public void ShapesMustMatch()
    {
        var c = TensorComparer.Compare("y", Tensor.Create(new float[6], 2, 3), Tensor.Create(new float[6], 3, 2), 1, 1);
        Assert.False(c.ShapeMatches);
        Assert.Contains("shape", c.Detail);
        Assert.Equal(ComparisonVerdict.Differ, Verdicts.Of([c]));
    }

    [Fact]
    public void IntegerWidthsDoNotMatterValuesDo()
    {
        Assert.True(TensorComparer.Compare("y", Tensor.Vector(1L, 2L), Tensor.Vector(1, 2), 0, 0).Passed);
        Assert.False(TensorComparer.Compare("y", Tensor.Vector(1L, 2L), Tensor.Vector(1, 3), 0, 0).Passed);
    }
}
