namespace MilForge.Precision.Static;

/// <summary>
/// Transfer functions of unary elementwise ops and activations: exact (the image of the interval) for monotone ops and
/// for piecewise-monotone ones through their kinks and extrema.
/// </summary>
internal static class UnaryTransfers
{
    /// <summary>silu's minimum: x·σ(x) is smallest at x ≈ −1.2785 (where 1 + x(1 − σ(x)) = 0).</summary>
    private const double SiluArgMin = -1.2784645427610738;

    /// <summary>An upper bound of x(1 − Φ(x)) for x ≥ 0 (0.1700 for the exact GELU), for every GELU mode.</summary>
    private const double GeluDip = 0.18;

    public static void Register(TransferTable table)
    {
        table.Unary("abs", x => x.Abs());
        table.Unary("square", x => x.Square());
        table.Unary("sign", x => x.Increasing(v => Math.Sign(v)));
        table.Unary("exp", x => x.Increasing(Math.Exp));
        table.Unary("exp2", x => x.Increasing(v => Math.Pow(2, v)));
        table.Unary("sqrt", x => Domain(x, 0, double.PositiveInfinity).Increasing(Math.Sqrt).OrNaN(x.Low < 0));
        table.Unary("erf", x => x.Increasing(Erf));
        table.Unary("ceil", x => x.Increasing(Math.Ceiling));
        table.Unary("floor", x => x.Increasing(Math.Floor));
        table.Unary("round", x => x.Increasing(v => Math.Round(v, MidpointRounding.ToEven)));
        table.Unary("sin", x => Periodic(x, Math.Sin, Math.PI / 2));
        table.Unary("cos", x => Periodic(x, Math.Cos, 0));
        table.Unary("asin", x => Domain(x, -1, 1).Increasing(Math.Asin).OrNaN(x.Low < -1 || x.High > 1));
        table.Unary("acos", x => Domain(x, -1, 1).Decreasing(Math.Acos).OrNaN(x.Low < -1 || x.High > 1));
        table.Unary("atan", x => x.Increasing(Math.Atan));
        table.Unary("sinh", x => x.Increasing(Math.Sinh));
        table.Unary("cosh", x => x.Piecewise(Math.Cosh, 0));
        table.Unary("atanh", x => Domain(x, -1, 1).Increasing(Math.Atanh).OrNaN(x.Low < -1 || x.High > 1));
        table.Unary("relu", x => x.Increasing(v => Math.Max(v, 0)));
        table.Unary("relu6", x => x.Clamp(0, 6));
        table.Unary("sigmoid", x => x.Increasing(v => 1 / (1 + Math.Exp(-v))));
        table.Unary("tanh", x => x.Increasing(Math.Tanh));
        table.Unary("silu", x => x.Piecewise(v => v / (1 + Math.Exp(-v)), SiluArgMin));
        table.Unary("softplus", x => x.Increasing(v => v > 30 ? v : Math.Log(1 + Math.Exp(v))));
        table.Unary("softsign", x => x.Increasing(v => double.IsInfinity(v) ? Math.Sign(v) : v / (1 + Math.Abs(v))));
        table.Add("gelu", c => [Gelu(c.Input("x"))]);
        table.Add("log", c => [Log(c.Input("x"), c.Float("epsilon", 1e-45))]);
        table.Add("rsqrt", c => [Rsqrt(c.Input("x"), c.Float("epsilon", 1e-12))]);
        table.Add("inverse", c => [new Interval(1, 1) / (c.Input("x") + Interval.Point(c.Float("epsilon", 1e-4)))]);
        ParametricTransfers.Register(table);
    }

    /// <summary>The interval cut to a function's domain (values outside give NaN, flagged by the caller).</summary>
    private static Interval Domain(Interval x, double low, double high) =>
        x.High < low || x.Low > high ? new Interval(low, low, true) : new Interval(Math.Max(x.Low, low), Math.Min(x.High, high), x.MayBeNaN);

    private static Interval Log(Interval x, double epsilon)
    {
        var shifted = x + Interval.Point(epsilon);
        return Domain(shifted, 0, double.PositiveInfinity).Increasing(Math.Log).OrNaN(shifted.Low < 0);
    }

    private static Interval Rsqrt(Interval x, double epsilon)
    {
        var shifted = x + Interval.Point(epsilon);
        return Domain(shifted, 0, double.PositiveInfinity).Decreasing(v => 1 / Math.Sqrt(v)).OrNaN(shifted.Low < 0);
    }

    /// <summary>sin/cos: exact when the interval holds no extremum, else the extremum's ±1; [−1, 1] when it spans a period.</summary>
    private static Interval Periodic(Interval x, Func<double, double> f, double firstMax)
    {
        if (!x.IsFinite || x.High - x.Low >= 2 * Math.PI)
        {
            return new Interval(-1, 1, x.MayBeNaN || !x.IsFinite);
        }
        var extrema = new List<double>();
        for (var k = Math.Floor((x.Low - firstMax) / Math.PI); (firstMax + (k * Math.PI)) <= x.High; k++)
        {
            extrema.Add(firstMax + (k * Math.PI));
        }
        var result = x.Piecewise(f, [.. extrema]);
        return new Interval(Math.Max(-1, result.Low), Math.Min(1, result.High), result.MayBeNaN);
    }

    /// <summary>
    /// GELU (every mode) is x·s(x) with s a CDF in (0, 1): below max(x, 0), above x − 0.18 for x ≥ 0 and above −0.18
    /// everywhere, and increasing for x ≥ 0.
    /// </summary>
    private static Interval Gelu(Interval x)
    {
        var high = x.High >= 0 ? x.High : 0;
        var low = x.Low >= 0 ? Math.Max(0, x.Low - GeluDip) : -GeluDip;
        return new Interval(low, high, x.MayBeNaN);
    }

    /// <summary>erf to double precision (Abramowitz–Stegun 7.1.26 is too coarse for bounds; this is the series / continued fraction).</summary>
    internal static double Erf(double x)
    {
        if (double.IsNaN(x))
        {
            return x;
        }
        var a = Math.Abs(x);
        double r;
        if (a < 2.5)
        {
            var (term, sum, x2) = (a, a, a * a);
            for (var n = 1; n < 60; n++)
            {
                term *= -x2 / n;
                sum += term / ((2 * n) + 1);
            }
            r = 2 / Math.Sqrt(Math.PI) * sum;
        }
        else if (a > 6)
        {
            r = 1;
        }
        else
        {
            // erfc(a) = exp(−a²)/√π · 1/(a + 1/2/(a + 1/(a + 3/2/(a + ...))))
            var f = a;
            for (var n = 60; n >= 1; n--)
            {
                f = a + (n / 2.0 / f);
            }
            r = 1 - (Math.Exp(-a * a) / Math.Sqrt(Math.PI) / f);
        }
        return x < 0 ? -r : r;
    }
}
