namespace MilForge.Precision.Comparison;

/// <summary>Everything <c>milforge compare</c> decided: what ran, how, and every output's check.</summary>
/// <param name="Reference">The reference model and engine.</param>
/// <param name="Candidate">The candidate model and engine.</param>
/// <param name="Precision">The precision found in the candidate.</param>
/// <param name="AccumulationPolicy">The interpreter's accumulation policy.</param>
/// <param name="Outputs">Every output, in the reference's order.</param>
public sealed record CompareReport(string Reference, string Candidate, string Precision, string AccumulationPolicy, IReadOnlyList<OutputCheck> Outputs)
{
    /// <summary>The verdict over all outputs; its integer value is the exit code.</summary>
    public ComparisonVerdict Verdict => Verdicts.Of(Outputs);
}
