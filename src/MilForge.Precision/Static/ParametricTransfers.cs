namespace MilForge.Precision.Static;

/// <summary>Activations with scalar alpha (and beta) parameters, and prelu: piecewise linear or monotone, so exact.</summary>
internal static class ParametricTransfers
{
    public static void Register(TransferTable table)
    {
        table.Add("clip", c => [c.Input("x").Clamp(c.Float("alpha", 0), c.Float("beta", 0))]);
        table.Add("leaky_relu", c => Kinked(c, c.Float("alpha", 0.01)));
        table.Add("elu", c =>
        {
            var alpha = c.Float("alpha", 1);
            return [c.Input("x").Piecewise(v => v > 0 ? v : alpha * (Math.Exp(v) - 1), 0)];
        });
        table.Add("thresholded_relu", c =>
        {
            var (x, alpha) = (c.Input("x"), c.Float("alpha", 1));
            var kept = x.High >= alpha ? new Interval(Math.Max(x.Low, alpha), x.High) : (Interval?)null;
            var zero = x.Low < alpha ? Interval.Point(0) : (Interval?)null;
            var result = kept is { } k ? (zero is { } z ? k.Union(z) : k) : zero!.Value;
            return [result.OrNaN(x.MayBeNaN)];
        });
        table.Add("sigmoid_hard", c =>
        {
            var (alpha, beta) = (c.Float("alpha", 0.2), c.Float("beta", 0.5));
            return [c.Input("x").Piecewise(v => Math.Min(Math.Max((alpha * v) + beta, 0), 1))];
        });
        table.Add("linear_activation", c =>
        {
            var (alpha, beta) = (c.Float("alpha", 0), c.Float("beta", 0));
            return [c.Input("x").Piecewise(v => (alpha * v) + beta)];
        });
        table.Add("scaled_tanh", c =>
        {
            var (alpha, beta) = (c.Float("alpha", 1), c.Float("beta", 1));
            return [c.Input("x").Piecewise(v => alpha * Math.Tanh(beta * v))];
        });
        table.Add("prelu", c =>
        {
            if (c.Constant("alpha") is not { Length: > 0 } alphas)
            {
                return null;
            }
            var values = alphas.AsDoubles();
            return [Kinked(c, values.Min())[0].Union(Kinked(c, values.Max())[0])];
        });
    }

    /// <summary>x for x ≥ 0, α·x below: linear on each side of 0, so the ends and 0 give the image.</summary>
    private static Interval[] Kinked(TransferContext c, double alpha) => [c.Input("x").Piecewise(v => v >= 0 ? v : alpha * v, 0)];
}
