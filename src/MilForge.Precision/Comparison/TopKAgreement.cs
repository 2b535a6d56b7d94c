using MilForge.Numerics;

namespace MilForge.Precision.Comparison;

/// <summary>
/// Classification agreement along the last axis. Each row (all leading indices fixed) agrees when the candidate's
/// top-1 — its argmax, the first index on ties — is among the reference's top K, ties at the K-th place included:
/// fewer than K reference values in the row are strictly greater than the reference value at that index. So K = 1
/// asks for the same class up to reference ties, and K ≥ the row length always agrees. NaN ranks below every number.
/// A scalar is one row of one element.
/// </summary>
public static class TopKAgreement
{
    /// <summary>The share of agreeing rows in [0, 1]; 1 when there are no rows. The tensors must have the same shape.</summary>
    public static double Share(Tensor reference, Tensor candidate, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (!reference.Shape.SequenceEqual(candidate.Shape))
        {
            throw new ArgumentException("The tensors must have the same shape.", nameof(candidate));
        }
        var width = reference.Rank == 0 ? 1 : reference.Shape[^1];
        if (width == 0 || reference.Length == 0)
        {
            return 1;
        }
        var r = reference.AsDoubles();
        var c = candidate.AsDoubles();
        var rows = r.Length / width;
        var agreeing = 0;
        for (var row = 0; row < rows; row++)
        {
            var start = row * width;
            var top = start;
            for (var i = start + 1; i < start + width; i++)
            {
                top = Rank(c[i]) > Rank(c[top]) ? i : top;
            }
            var chosen = Rank(r[top]);
            var above = 0;
            for (var i = start; i < start + width && above < k; i++)
            {
                above += Rank(r[i]) > chosen ? 1 : 0;
            }
            agreeing += above < k ? 1 : 0;
        }
        return (double)agreeing / rows;
    }

    private static double Rank(double v) => double.IsNaN(v) ? double.NegativeInfinity : v;
}
