namespace MilForge.Precision.Static;

/// <summary>
/// Binary elementwise ops (broadcasting does not change the set of values, so the bounds are those of scalars):
/// interval arithmetic, exact for independent operands; an op reading one value twice (x·x, x − x) is bounded as such.
/// </summary>
internal static class BinaryTransfers
{
    /// <summary>At most this many distinct constant exponents are bounded one by one.</summary>
    private const int MaxDistinctExponents = 16;

    public static void Register(TransferTable table)
    {
        table.Add("add", c => [c.Input("x") + c.Input("y")]);
        table.Add("sub", c => [SameOperand(c) ? Difference(c.Input("x")) : c.Input("x") - c.Input("y")]);
        table.Add("mul", c => [Ratio(c, SameOperand(c) ? c.Input("x").Square() : c.Input("x") * c.Input("y"))]);
        table.Add("real_div", c => [Ratio(c, c.Input("x") / c.Input("y"))]);
        table.Add("maximum", c => [Both(c, Math.Max)]);
        table.Add("minimum", c => [Both(c, Math.Min)]);
        table.Add("floor_div", c => [FloorDiv(c)]);
        table.Add("mod", c => Mod(c) is { } r ? [r] : null);
        table.Add("pow", c => Pow(c) is { } r ? [r] : null);
        foreach (var comparison in new[] { "equal", "not_equal", "greater", "greater_equal", "less", "less_equal", "logical_and", "logical_or", "logical_xor", "logical_not" })
        {
            table.Add(comparison, _ => [Interval.Unit]);
        }
        table.Add("select", c => [c.Input("a").Union(c.Input("b"))]);
    }

    /// <summary>The interval result, cut to ±√N when the op is a normalizing ratio (see <see cref="RmsRatio"/>).</summary>
    private static Interval Ratio(TransferContext c, Interval result)
    {
        if (RmsRatio.Bound(c.Op) is not { } limit)
        {
            return result;
        }
        var nan = c.Input("x").MayBeNaN || !c.Input("x").IsFinite;
        var cut = new Interval(Math.Max(result.Low, -limit), Math.Min(result.High, limit), nan);
        return cut.Low <= cut.High ? cut : result;
    }

    private static bool SameOperand(TransferContext c) => c.Op.Input("x") == c.Op.Input("y");

    /// <summary>x − x is 0, or NaN for ±∞ and NaN.</summary>
    private static Interval Difference(Interval x) => Interval.Point(0).OrNaN(x.MayBeNaN || !x.IsFinite);

    /// <summary>max and min are nondecreasing in both operands.</summary>
    private static Interval Both(TransferContext c, Func<double, double, double> f)
    {
        var (x, y) = (c.Input("x"), c.Input("y"));
        return new Interval(f(x.Low, y.Low), f(x.High, y.High), x.MayBeNaN || y.MayBeNaN);
    }

    private static Interval FloorDiv(TransferContext c)
    {
        var (x, y) = (c.Input("x"), c.Input("y"));
        var integer = c.Op.Output.Type is Mil.TensorType t && !Numerics.DataTypes.IsFloat(t.DataType);
        var result = (x / y).Increasing(Math.Floor);
        return integer && y.Contains(0) ? new Interval(double.NegativeInfinity, double.PositiveInfinity) : result;
    }

    /// <summary>x − floor(x / y)·y has the sign of y and is below |y| (integer mod by 0 gives 0).</summary>
    private static Interval? Mod(TransferContext c)
    {
        var (x, y) = (c.Input("x"), c.Input("y"));
        var nan = x.MayBeNaN || y.MayBeNaN || !x.IsFinite;
        var integer = c.Op.Output.Type is Mil.TensorType t && !Numerics.DataTypes.IsFloat(t.DataType);
        if (y.Low > 0 || (integer && y.Low >= 0))
        {
            return new Interval(0, y.High, nan);
        }
        if (y.High < 0 || (integer && y.High <= 0))
        {
            return new Interval(y.Low, 0, nan);
        }
        return integer ? new Interval(y.Low, y.High) : null;
    }

    /// <summary>
    /// x^y: for a few constant exponents, the exact image for each (integer powers by parity and sign, real powers on
    /// x ≥ 0); otherwise exp(y·ln x) for x &gt; 0; otherwise unknown.
    /// </summary>
    private static Interval? Pow(TransferContext c)
    {
        var x = c.Input("x");
        if (c.Constant("y") is { } exponents)
        {
            var distinct = exponents.AsDoubles().Distinct().Take(MaxDistinctExponents + 1).ToList();
            if (distinct.Count <= MaxDistinctExponents)
            {
                Interval? result = null;
                foreach (var k in distinct)
                {
                    var r = PowerOf(x, k);
                    result = result is { } acc ? acc.Union(r) : r;
                }
                return result;
            }
        }
        var y = c.Input("y");
        return x.Low > 0 ? (y * x.Increasing(Math.Log)).Increasing(Math.Exp) : null;
    }

    private static Interval PowerOf(Interval x, double k)
    {
        if (k == 0)
        {
            return Interval.Point(1);
        }
        if (double.IsNaN(k))
        {
            return Interval.Unbounded;
        }
        var integer = Math.Floor(k) == k;
        if (k < 0 && x.Contains(0))
        {
            return new Interval(integer ? double.NegativeInfinity : 0, double.PositiveInfinity, x.MayBeNaN || (!integer && x.Low < 0));
        }
        if (integer)
        {
            // Monotone on each side of 0 (and through 0 for odd positive powers), so the ends and 0 give the image.
            return x.Piecewise(v => Math.Pow(v, k), 0);
        }
        // A real power of a negative base is NaN.
        var domain = x.High < 0 ? new Interval(0, 0) : new Interval(Math.Max(0, x.Low), x.High);
        return domain.Piecewise(v => Math.Pow(v, k)).OrNaN(x.MayBeNaN || x.Low < 0);
    }
}
