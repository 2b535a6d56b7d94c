using MilForge.Numerics;

namespace MilForge.Precision.Static;

/// <summary>
/// softmax and the norms. A normalized value (x − μ)/√(σ² + ε) over N elements with x in [lo, hi] is bounded two
/// ways: |x − μ| ≤ hi − lo and σ² + ε ≥ ε give (hi − lo)/√ε; and Samuelson's inequality |x − μ| ≤ √(N − 1)·σ (σ the
/// population deviation the kernels use) gives √(N − 1), since σ/√(σ² + ε) &lt; 1. The smaller bound B holds; the
/// output γ·n + β then lies in the union over positions of β ± |γ|·B.
/// </summary>
internal static class NormTransfers
{
    public static void Register(TransferTable table)
    {
        table.Add("softmax", c => [Softmax(c)]);
        table.Add("layer_norm", c =>
        {
            var rank = c.Rank("x");
            var axes = c.Constant("axes")?.AsInts().Select(a => Shape.NormalizeAxis(a, rank)) ?? Enumerable.Range(0, rank);
            return [Normalized(c, axes)];
        });
        table.Add("instance_norm", c => [Normalized(c, Enumerable.Range(2, Math.Max(0, c.Rank("x") - 2)))]);
        table.Add("batch_norm", c => BatchNorm(c) is { } r ? [r] : null);
    }

    /// <summary>
    /// softmax over N elements in [lo, hi]: an element is smallest when it is lo and the N − 1 others hi, so it lies in
    /// [1/(1 + (N − 1)e^(hi − lo)), 1/(1 + (N − 1)e^(lo − hi))]; [0, 1] when N is symbolic.
    /// </summary>
    private static Interval Softmax(TransferContext c)
    {
        var x = c.Input("x");
        var shape = c.ShapeOf("x");
        var nan = x.MayBeNaN || !x.IsFinite;
        if (shape is null || shape.Rank == 0 || !x.IsFinite)
        {
            return Interval.Unit.OrNaN(nan);
        }
        var dim = shape[Shape.NormalizeAxis(c.Int("axis", -1), shape.Rank)];
        if (!dim.IsKnown)
        {
            return Interval.Unit.OrNaN(nan);
        }
        var others = dim.Size - 1;
        return new Interval(1 / (1 + (others * Math.Exp(x.High - x.Low))), 1 / (1 + (others * Math.Exp(x.Low - x.High))), nan);
    }

    private static Interval Normalized(TransferContext c, IEnumerable<int> axes)
    {
        var x = c.Input("x");
        var epsilon = c.Float("epsilon", 1e-5);
        var shape = c.ShapeOf("x");
        var list = axes.ToList();
        var bound = epsilon > 0 && x.IsFinite ? (x.High - x.Low) / Math.Sqrt(epsilon) : double.PositiveInfinity;
        if (shape is not null && list.All(a => a < shape.Rank && shape[a].IsKnown))
        {
            var n = list.Aggregate(1L, (p, a) => p * shape[a].Size);
            bound = Math.Min(bound, Math.Sqrt(n - 1));
        }
        var normalized = new Interval(-bound, bound, x.MayBeNaN || !x.IsFinite || epsilon <= 0);
        return Affine(c, normalized);
    }

    /// <summary>γ·n + β: per position when both are constant (or absent), else as intervals.</summary>
    private static Interval Affine(TransferContext c, Interval normalized)
    {
        var gamma = c.Has("gamma") ? c.Constant("gamma")?.AsDoubles() : [1.0];
        var beta = c.Has("beta") ? c.Constant("beta")?.AsDoubles() : [0.0];
        if (gamma is null || beta is null)
        {
            return (normalized * (c.Has("gamma") ? c.Input("gamma") : Interval.Point(1))) + (c.Has("beta") ? c.Input("beta") : Interval.Point(0));
        }
        Interval? result = null;
        for (var i = 0; i < Math.Max(gamma.Length, beta.Length); i++)
        {
            var r = (normalized.Scale(gamma[i % gamma.Length]) + Interval.Point(beta[i % beta.Length])).OrNaN(normalized.MayBeNaN);
            result = result is { } acc ? acc.Union(r) : r;
        }
        return result ?? normalized;
    }

    /// <summary>batch_norm with constant statistics is affine per channel: exact per channel, unioned.</summary>
    private static Interval? BatchNorm(TransferContext c)
    {
        if (c.Constant("mean")?.AsDoubles() is not { Length: > 0 } mean || c.Constant("variance")?.AsDoubles() is not { Length: > 0 } variance)
        {
            return null;
        }
        var gamma = c.Has("gamma") ? c.Constant("gamma")?.AsDoubles() : [1.0];
        var beta = c.Has("beta") ? c.Constant("beta")?.AsDoubles() : [0.0];
        if (gamma is null || beta is null)
        {
            return null;
        }
        var x = c.Input("x");
        var epsilon = c.Float("epsilon", 1e-5);
        Interval? result = null;
        var channels = new[] { mean.Length, variance.Length, gamma.Length, beta.Length }.Max();
        for (var ch = 0; ch < channels; ch++)
        {
            var deviation = Math.Sqrt(variance[ch % variance.Length] + epsilon);
            var r = double.IsNaN(deviation) || deviation == 0 ? Interval.Unbounded
                : ((x - Interval.Point(mean[ch % mean.Length])).Scale(1 / deviation).Scale(gamma[ch % gamma.Length]) + Interval.Point(beta[ch % beta.Length]));
            result = result is { } acc ? acc.Union(r) : r;
        }
        return result;
    }
}
