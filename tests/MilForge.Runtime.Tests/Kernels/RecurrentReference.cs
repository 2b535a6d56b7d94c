namespace MilForge.Runtime.Tests.Kernels;

/// <summary>
/// A straightforward binary64 reading of MIL's lstm, gru and rnn (one batch row and one gate at a time), written
/// from coremltools' op documentation and numpy test references: the oracle for the recurrent kernels.
/// </summary>
internal static class RecurrentReference
{
    /// <summary>One direction's constants (row-major, gates stacked in MIL's order).</summary>
    public sealed record Weights(double[] Ih, double[] Hh, double[]? Bias, double[]? Peephole);

    public static Func<double, double> Activation(string name) => name.ToLowerInvariant() switch
    {
        "tanh" or "scaled_tanh" => Math.Tanh,
        "sigmoid" => v => 1 / (1 + Math.Exp(-v)),
        "hard_sigmoid" => v => Math.Min(Math.Max((0.2 * v) + 0.5, 0), 1),
        "relu" => v => Math.Max(v, 0),
        "linear" => v => v,
        _ => throw new ArgumentException(name),
    };

    /// <summary>Σ_p W[row, p]·v[p] over a row-major [*, n] matrix.</summary>
    private static double Dot(double[] w, int row, double[] v)
    {
        var sum = 0.0;
        for (var p = 0; p < v.Length; p++)
        {
            sum += w[(row * v.Length) + p] * v[p];
        }
        return sum;
    }

    /// <summary>
    /// Runs a cell over x [S, B, I] for each direction; <paramref name="step"/> maps (weights, x_t, h, c) to the new
    /// (h, c). Returns the sequence [S or 1, B, D·H] and the final states [B, D·H].
    /// </summary>
    private static (double[] Sequence, double[] H, double[] C) Run(double[] x, int s, int b, int i, int hidden, string direction,
        bool outputSequence, Weights[] weights, double[] h0, double[] c0,
        Func<Weights, double[], double[], double[], (double[] H, double[] C)> step)
    {
        var d = weights.Length;
        var width = d * hidden;
        var sequence = new double[(outputSequence ? s : 1) * b * width];
        var (hOut, cOut) = (new double[b * width], new double[b * width]);
        for (var dir = 0; dir < d; dir++)
        {
            var backward = dir == 1 || direction == "reverse";
            for (var n = 0; n < b; n++)
            {
                var h = Enumerable.Range(0, hidden).Select(j => h0[(n * width) + (dir * hidden) + j]).ToArray();
                var c = Enumerable.Range(0, hidden).Select(j => c0[(n * width) + (dir * hidden) + j]).ToArray();
                for (var k = 0; k < s; k++)
                {
                    var t = backward ? s - 1 - k : k;
                    var xt = Enumerable.Range(0, i).Select(p => x[(((t * b) + n) * i) + p]).ToArray();
                    (h, c) = step(weights[dir], xt, h, c);
                    if (outputSequence)
                    {
                        var row = d == 2 ? t : k;
                        h.CopyTo(sequence, (((row * b) + n) * width) + (dir * hidden));
                    }
                }
                if (!outputSequence)
                {
                    h.CopyTo(sequence, (n * width) + (dir * hidden));
                }
                h.CopyTo(hOut, (n * width) + (dir * hidden));
                c.CopyTo(cOut, (n * width) + (dir * hidden));
            }
        }
        return (sequence, hOut, cOut);
    }

    public static (double[] Sequence, double[] H, double[] C) Lstm(double[] x, int s, int b, int i, int hidden, string direction,
        bool outputSequence, Weights[] weights, double[] h0, double[] c0, string recurrentActivation, string cellActivation,
        string activation, double? clip)
    {
        var (ra, ca, a) = (Activation(recurrentActivation), Activation(cellActivation), Activation(activation));
        return Run(x, s, b, i, hidden, direction, outputSequence, weights, h0, c0, (w, xt, h, c) =>
        {
            var (hNext, cNext) = (new double[hidden], new double[hidden]);
            for (var j = 0; j < hidden; j++)
            {
                double Pre(int gate) => Dot(w.Ih, (gate * hidden) + j, xt) + Dot(w.Hh, (gate * hidden) + j, h) + (w.Bias?[(gate * hidden) + j] ?? 0);
                double Peep(int gate) => w.Peephole?[(gate * hidden) + j] ?? 0;
                var ig = ra(Pre(0) + (Peep(0) * c[j]));
                var fg = ra(Pre(1) + (Peep(1) * c[j]));
                var zg = ca(Pre(3));
                var cell = (fg * c[j]) + (ig * zg);
                if (clip is { } limit)
                {
                    cell = Math.Clamp(cell, -limit, limit);
                }
                var og = ra(Pre(2) + (Peep(2) * cell));
                (cNext[j], hNext[j]) = (cell, og * a(cell));
            }
            return (hNext, cNext);
        });
    }

    public static (double[] Sequence, double[] H) Gru(double[] x, int s, int b, int i, int hidden, string direction,
        bool outputSequence, Weights weights, double[] h0, string recurrentActivation, string activation)
    {
        var (ra, a) = (Activation(recurrentActivation), Activation(activation));
        var (sequence, h, _) = Run(x, s, b, i, hidden, direction, outputSequence, [weights], h0, new double[h0.Length], (w, xt, h, c) =>
        {
            double Bias(int gate, int j) => w.Bias?[(gate * hidden) + j] ?? 0;
            var r = Enumerable.Range(0, hidden).Select(j => ra(Dot(w.Ih, j, xt) + Dot(w.Hh, j, h) + Bias(0, j))).ToArray();
            var z = Enumerable.Range(0, hidden).Select(j => ra(Dot(w.Ih, (2 * hidden) + j, xt) + Dot(w.Hh, (2 * hidden) + j, h) + Bias(2, j))).ToArray();
            var rh = h.Select((v, j) => v * r[j]).ToArray();
            var next = Enumerable.Range(0, hidden).Select(j =>
            {
                var o = a(Dot(w.Ih, hidden + j, xt) + Dot(w.Hh, hidden + j, rh) + Bias(1, j));
                return ((1 - z[j]) * o) + (z[j] * h[j]);
            }).ToArray();
            return (next, c);
        });
        return (sequence, h);
    }

    public static (double[] Sequence, double[] H) Rnn(double[] x, int s, int b, int i, int hidden, string direction,
        bool outputSequence, Weights weights, double[] h0, string activation)
    {
        var a = Activation(activation);
        var (sequence, h, _) = Run(x, s, b, i, hidden, direction, outputSequence, [weights], h0, new double[h0.Length], (w, xt, h, c) =>
            ([.. Enumerable.Range(0, hidden).Select(j => a(Dot(w.Ih, j, xt) + Dot(w.Hh, j, h) + (w.Bias?[j] ?? 0)))], c));
        return (sequence, h);
    }
}
