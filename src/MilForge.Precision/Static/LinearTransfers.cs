using MilForge.Numerics;

namespace MilForge.Precision.Static;

/// <summary>
/// matmul, linear, conv and conv_transpose. With a constant weight, output channel c is Σ w·x over its weights: with
/// x in [lo, hi] that sum lies in [lo·P + hi·N, hi·P + lo·N] for P the sum of c's positive weights and N of its
/// negative ones (exact per channel), plus c's bias; the tensor's bound is the union over channels. Float
/// accumulation adds at most (K + 1)·2⁻²³·Σ|w|·max|x| for K terms, which widens each channel's bound. Without a
/// constant weight: K·(x·w) over the operands' intervals.
/// </summary>
internal static class LinearTransfers
{
    public static void Register(TransferTable table)
    {
        table.Add("linear", c => [Linear(c)]);
        table.Add("matmul", c => [Matmul(c)]);
        table.Add("conv", c => [Conv(c, transpose: false)]);
        table.Add("conv_transpose", c => [Conv(c, transpose: true)]);
    }

    /// <summary>The bound of per-channel dot products of x (any element in <paramref name="x"/>) with constant weights.</summary>
    /// <param name="x">The interval of every x element.</param>
    /// <param name="weights">The weights, flat.</param>
    /// <param name="channels">The number of output channels.</param>
    /// <param name="channelOf">The output channel a flat weight index contributes to.</param>
    /// <param name="terms">The terms of one channel's sum (for the rounding allowance).</param>
    /// <param name="bias">A per-channel (or single) bias, or null.</param>
    internal static Interval ChannelDots(Interval x, double[] weights, int channels, Func<int, int> channelOf, long terms, double[]? bias)
    {
        var positive = new double[channels];
        var negative = new double[channels];
        var nan = x.MayBeNaN;
        for (var i = 0; i < weights.Length; i++)
        {
            var w = weights[i];
            nan |= !double.IsFinite(w);
            if (w > 0)
            {
                positive[channelOf(i)] += w;
            }
            else if (w < 0)
            {
                negative[channelOf(i)] += w;
            }
        }
        Interval? result = null;
        for (var ch = 0; ch < channels; ch++)
        {
            var dot = x.Scale(positive[ch]) + x.Scale(negative[ch]);
            var allowance = (terms + 1) * Math.Pow(2, -23) * (positive[ch] - negative[ch]) * x.Magnitude;
            var b = bias is null || bias.Length == 0 ? 0 : bias[bias.Length == 1 ? 0 : ch % bias.Length];
            var channel = (dot + Interval.Point(b)).Widen(0, double.IsNaN(allowance) ? 0 : allowance);
            if (x.Low >= 0 && negative[ch] == 0 && b >= 0)
            {
                // Every term is non-negative: so is the float sum, however it rounds.
                channel = channel with { Low = Math.Max(0, channel.Low) };
            }
            result = result is { } acc ? acc.Union(channel) : channel;
        }
        return (result ?? Interval.Point(0)).OrNaN(nan);
    }

    /// <summary>K independent products of x and w intervals, summed.</summary>
    private static Interval Products(Interval x, Interval w, long terms) => (x * w).Scale(terms).Widen(0, (terms + 1) * Math.Pow(2, -23) * (x * w).Magnitude * terms);

    private static Interval Linear(TransferContext c)
    {
        var x = c.Input("x");
        var bias = c.Constant("bias")?.AsDoubles();
        if (c.Constant("weight") is { Rank: 2 } w)
        {
            var (rows, k) = (w.Shape[0], w.Shape[1]);
            return ChannelDots(x, w.AsDoubles(), rows, i => i / k, k, bias);
        }
        var terms = c.Dim("weight", -1);
        return Products(x, c.Input("weight"), terms) + (c.Has("bias") ? c.Input("bias") : Interval.Point(0));
    }

    private static Interval Matmul(TransferContext c)
    {
        var (tx, ty) = (c.Bool("transpose_x", false), c.Bool("transpose_y", false));
        if (c.Constant("y") is { Rank: >= 2 } y)
        {
            // y [..., K, N] (or [..., N, K] transposed): the output's column n sums over y's column n.
            var (k, n) = ty ? (y.Shape[^1], y.Shape[^2]) : (y.Shape[^2], y.Shape[^1]);
            var matrix = k * n;
            Func<int, int> column = ty ? i => (i / matrix * n) + (i % matrix / k) : i => (i / matrix * n) + (i % n);
            return ChannelDots(c.Input("x"), y.AsDoubles(), (y.Length / matrix) * n, column, k, null);
        }
        if (c.Constant("x") is { Rank: >= 2 } x)
        {
            // x [..., M, K] (or [..., K, M]): the output's row m sums over x's row m.
            var (m, k) = tx ? (x.Shape[^1], x.Shape[^2]) : (x.Shape[^2], x.Shape[^1]);
            var matrix = m * k;
            Func<int, int> row = tx ? i => (i / matrix * m) + (i % m) : i => (i / matrix * m) + (i % matrix / k);
            return ChannelDots(c.Input("y"), x.AsDoubles(), (x.Length / matrix) * m, row, k, null);
        }
        var rank = c.Rank("x");
        var terms = rank == 0 ? 1 : c.Dim("x", rank == 1 || !tx ? -1 : -2);
        return Products(c.Input("x"), c.Input("y"), terms);
    }

    /// <summary>Padding (and the taps a transposed conv's output misses) contribute 0, so x's interval is widened to hold 0.</summary>
    private static Interval Conv(TransferContext c, bool transpose)
    {
        var x = c.Input("x");
        var padded = transpose || c.String("pad_type", "valid") != "valid" || (c.Constant("pad")?.AsLongs().Any(p => p != 0) ?? false);
        if (padded)
        {
            x = x.Union(Interval.Point(0));
        }
        var bias = c.Constant("bias")?.AsDoubles();
        if (c.Constant("weight") is { Rank: >= 3 } w)
        {
            var taps = Broadcasting.Product(w.ShapeArray().AsSpan(2));
            if (!transpose)
            {
                var perChannel = w.Shape[1] * taps;
                return ChannelDots(x, w.AsDoubles(), w.Shape[0], i => i / perChannel, perChannel, bias);
            }
            // weight [Cin, Cout/groups, *K]: output channel g·(Cout/groups) + j sums w[ci, j, ...] over group g's inputs.
            var groups = (int)Math.Max(1, c.Int("groups", 1));
            var (cin, coutPerGroup) = (w.Shape[0], w.Shape[1]);
            var cinPerGroup = Math.Max(1, cin / groups);
            return ChannelDots(x, w.AsDoubles(), groups * coutPerGroup,
                i => (i / (coutPerGroup * taps) / cinPerGroup * coutPerGroup) + (i / taps % coutPerGroup), (long)cinPerGroup * taps, bias);
        }
        var shape = c.ShapeOf("weight");
        var terms = shape is { IsStatic: true, Rank: >= 2 } s ? s.ElementCount!.Value / s[transpose ? 1 : 0].Size : long.MaxValue;
        return Products(x, c.Input("weight"), terms) + (c.Has("bias") ? c.Input("bias") : Interval.Point(0));
    }
}
