namespace MilForge.Precision.Comparison;

/// <summary>How one output of a candidate compares with the reference.</summary>
/// <param name="Name">The output's name (the reference's).</param>
/// <param name="Elements">Number of elements compared.</param>
/// <param name="ShapeMatches">True when the shapes are equal (values are compared only then).</param>
/// <param name="MaxAbsError">Largest |candidate − reference| over finite pairs.</param>
/// <param name="MaxRelError">Largest |candidate − reference| / |reference| over finite pairs with a non-zero reference.</param>
/// <param name="Mismatches">Elements with |a − r| &gt; atol + rtol·|r| (NaN matches NaN, ±Inf matches itself).</param>
/// <param name="CandidateNaN">NaNs in the candidate.</param>
/// <param name="CandidateInf">Infinities in the candidate.</param>
/// <param name="ReferenceNaN">NaNs in the reference.</param>
/// <param name="ReferenceInf">Infinities in the reference.</param>
/// <param name="NewNonFinite">Positions where the candidate is NaN/Inf and the reference is finite.</param>
/// <param name="Detail">Why the shapes or types differ, when they do.</param>
public sealed record OutputComparison(string Name, long Elements, bool ShapeMatches, double MaxAbsError, double MaxRelError,
    long Mismatches, long CandidateNaN, long CandidateInf, long ReferenceNaN, long ReferenceInf, long NewNonFinite, string? Detail = null)
{
    /// <summary>True when the shapes match and no element fails the tolerance.</summary>
    public bool Passed => ShapeMatches && Mismatches == 0;
}
