using MilForge.Numerics;

namespace MilForge.Precision.Static;

/// <summary>
/// Reductions over N elements in [lo, hi] (sums: N·[lo, hi], exact for independent elements; means, max and min:
/// [lo, hi]), cumsum, top-k, and pooling (padding counts as 0 where the kernel averages it in).
/// </summary>
internal static class ReductionTransfers
{
    public static void Register(TransferTable table)
    {
        table.Add("reduce_sum", c => [Sum(c, c.Input("x"))]);
        table.Add("reduce_mean", c =>
        {
            var x = c.Input("x");
            var mean = x.Widen(0, Allowance(Count(c), x.Magnitude) / Math.Max(1, Count(c)));
            return [x.Low >= 0 ? mean with { Low = Math.Max(0, mean.Low) } : mean];
        });
        table.Add("reduce_max", c => [c.Input("x")]);
        table.Add("reduce_min", c => [c.Input("x")]);
        table.Add("reduce_prod", c => [Product(c.Input("x"), Count(c))]);
        table.Add("reduce_l1_norm", c => [Sum(c, c.Input("x").Abs())]);
        table.Add("reduce_sum_square", c => [Sum(c, c.Input("x").Square())]);
        table.Add("reduce_l2_norm", c => [Sum(c, c.Input("x").Square()).Increasing(v => Math.Sqrt(Math.Max(0, v)))]);
        table.Add("reduce_log_sum", c =>
        {
            var sum = Sum(c, c.Input("x"));
            return [new Interval(Math.Max(sum.Low, 0), Math.Max(sum.High, 0)).Increasing(Math.Log).OrNaN(sum.Low < 0)];
        });
        table.Add("reduce_log_sum_exp", c => [c.Input("x") + Interval.Point(Math.Log(Count(c)))]);
        table.Add("reduce_argmax", c => [Index(c, c.Int("axis", -1))]);
        table.Add("reduce_argmin", c => [Index(c, c.Int("axis", -1))]);
        table.Add("argsort", c => [Index(c, c.Int("axis", -1))]);
        table.Add("topk", c => [c.Input("x"), Index(c, c.Int("axis", -1))]);
        table.Add("cumsum", c =>
        {
            var x = c.Input("x");
            var length = c.Dim("x", (int)c.Int("axis", 0));
            var sums = x.Union(x.Scale(length));
            return [c.Bool("exclusive", false) ? sums.Union(Interval.Point(0)) : sums.Widen(0, Allowance(length, x.Magnitude))];
        });
        table.Add("max_pool", c => [c.Input("x")]);
        table.Add("avg_pool", c => [Padded(c) && !c.Bool("exclude_padding_from_average", false) ? c.Input("x").Union(Interval.Point(0)) : c.Input("x")]);
        table.Add("l2_pool", c =>
        {
            var taps = c.Constant("kernel_sizes")?.AsLongs().Aggregate(1L, (p, k) => p * k) ?? long.MaxValue;
            var squares = c.Input("x").Square().Union(Interval.Point(0)).Scale(taps);
            return [squares.Increasing(v => Math.Sqrt(Math.Max(0, v)))];
        });
    }

    /// <summary>The number of elements reduced: the product of the reduced dims (all dims without axes).</summary>
    private static long Count(TransferContext c)
    {
        var rank = c.Rank("x");
        var axes = c.Constant("axes")?.AsInts().Select(a => Shape.NormalizeAxis(a, rank)).Distinct() ?? Enumerable.Range(0, rank);
        return c.Elements("x", axes);
    }

    /// <summary>A sum of n terms; a sum of non-negative terms stays non-negative however it rounds.</summary>
    private static Interval Sum(TransferContext c, Interval terms)
    {
        var n = Count(c);
        var sum = terms.Scale(n).Widen(0, Allowance(n, terms.Magnitude));
        return terms.Low >= 0 ? sum with { Low = Math.Max(0, sum.Low) } : sum;
    }

    /// <summary>The most a double summation of n terms of magnitude m can add (the kernels sum in double): (n + 1)·2⁻⁵²·n·m.</summary>
    private static double Allowance(long n, double magnitude)
    {
        var a = (n + 1) * Math.Pow(2, -52) * n * magnitude;
        return double.IsNaN(a) ? 0 : a;
    }

    /// <summary>A product of n independent factors in x: exact for x ≥ 0 (and x ≤ 0), ±max|x|ⁿ otherwise.</summary>
    private static Interval Product(Interval x, long n)
    {
        if (x.Low >= 0)
        {
            return new Interval(Math.Pow(x.Low, n), Math.Pow(x.High, n), x.MayBeNaN);
        }
        if (x.High <= 0)
        {
            var (small, large) = (Math.Pow(-x.High, n), Math.Pow(-x.Low, n));
            return n % 2 == 0 ? new Interval(small, large, x.MayBeNaN) : new Interval(-large, -small, x.MayBeNaN);
        }
        var m = Math.Pow(x.Magnitude, n);
        return new Interval(n == 1 ? x.Low : -m, n == 1 ? x.High : m, x.MayBeNaN || (!x.IsFinite && n > 1));
    }

    /// <summary>An index along an axis: [0, dim − 1].</summary>
    private static Interval Index(TransferContext c, long axis) => new(0, Math.Max(0, c.Dim("x", (int)axis) - 1));

    private static bool Padded(TransferContext c) =>
        c.String("pad_type", "valid") != "valid" || (c.Constant("pad")?.AsLongs().Any(p => p != 0) ?? false) || c.Bool("ceil_mode", false);
}
