using System.Globalization;

namespace MilForge.Precision.Static;

/// <summary>
/// A closed interval [<paramref name="Low"/>, <paramref name="High"/>] over the extended reals that holds every value
/// of a tensor, and whether the tensor may hold NaN (which no interval contains). Infinite ends mean the values may be
/// ±∞ (or unbounded).
/// </summary>
/// <param name="Low">The smallest value (may be −∞).</param>
/// <param name="High">The largest value (may be +∞).</param>
/// <param name="MayBeNaN">True when some element may be NaN.</param>
public readonly record struct Interval(double Low, double High, bool MayBeNaN = false)
{
    /// <summary>Any value at all, NaN included.</summary>
    public static Interval Unbounded { get; } = new(double.NegativeInfinity, double.PositiveInfinity, true);

    /// <summary>The interval of one value.</summary>
    public static Interval Point(double value) => double.IsNaN(value) ? Unbounded : new(value, value);

    /// <summary>[0, 1]: booleans, probabilities.</summary>
    public static Interval Unit { get; } = new(0, 1);

    /// <summary>True when both ends are finite.</summary>
    public bool IsFinite => double.IsFinite(Low) && double.IsFinite(High);

    /// <summary>The largest magnitude, max(|Low|, |High|).</summary>
    public double Magnitude => Math.Max(Math.Abs(Low), Math.Abs(High));

    /// <summary>The smallest magnitude of a value in the interval (0 when it holds 0).</summary>
    public double MinMagnitude => Contains(0) ? 0 : Math.Min(Math.Abs(Low), Math.Abs(High));

    /// <summary>True when <paramref name="value"/> lies in [Low, High].</summary>
    public bool Contains(double value) => value >= Low && value <= High;

    /// <summary>The smallest interval holding both.</summary>
    public Interval Union(Interval other) => new(Math.Min(Low, other.Low), Math.Max(High, other.High), MayBeNaN || other.MayBeNaN);

    /// <summary>The hull of a set of values (NaN values set <see cref="MayBeNaN"/>).</summary>
    public static Interval Hull(params ReadOnlySpan<double> values)
    {
        var (lo, hi, nan) = (double.PositiveInfinity, double.NegativeInfinity, false);
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                nan = true;
                continue;
            }
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }
        return lo > hi ? Unbounded : new(lo, hi, nan);
    }

    /// <summary>This interval with NaN possible when <paramref name="nan"/> is.</summary>
    public Interval OrNaN(bool nan) => nan ? this with { MayBeNaN = true } : this;

    /// <summary>
    /// The interval widened outward by <paramref name="relative"/> of each end's magnitude plus <paramref name="absolute"/>:
    /// covers the rounding of a float result computed from exact ends.
    /// </summary>
    public Interval Widen(double relative, double absolute = 0) => this with
    {
        Low = double.IsFinite(Low) ? Low - (Math.Abs(Low) * relative) - absolute : Low,
        High = double.IsFinite(High) ? High + (Math.Abs(High) * relative) + absolute : High,
    };

    /// <summary>x + y.</summary>
    public static Interval operator +(Interval x, Interval y) =>
        new Interval(x.Low + y.Low, x.High + y.High).Clean(x.MayBeNaN || y.MayBeNaN || OppositeInfinities(x, y));

    /// <summary>−x.</summary>
    public static Interval operator -(Interval x) => new(-x.High, -x.Low, x.MayBeNaN);

    /// <summary>x − y.</summary>
    public static Interval operator -(Interval x, Interval y) => x + -y;

    /// <summary>x · y (0·∞ counts as 0 for the ends and sets NaN possible).</summary>
    public static Interval operator *(Interval x, Interval y)
    {
        var nan = x.MayBeNaN || y.MayBeNaN || (x.Contains(0) && !y.IsFinite) || (y.Contains(0) && !x.IsFinite);
        return Hull(Product(x.Low, y.Low), Product(x.Low, y.High), Product(x.High, y.Low), Product(x.High, y.High)).OrNaN(nan);
    }

    /// <summary>x / y; unbounded when y may be zero (±0 gives ±∞ of either sign).</summary>
    public static Interval operator /(Interval x, Interval y)
    {
        if (y.Contains(0))
        {
            return Unbounded;
        }
        var nan = x.MayBeNaN || y.MayBeNaN || (!x.IsFinite && !y.IsFinite);
        return (x * new Interval(1 / y.High, 1 / y.Low)).OrNaN(nan);
    }

    /// <summary>x scaled by a constant.</summary>
    public Interval Scale(double factor) => this * Point(factor);

    /// <summary>x · x (tighter than x · x as two independent operands: never negative).</summary>
    public Interval Square()
    {
        var high = Magnitude * Magnitude;
        var low = MinMagnitude * MinMagnitude;
        return new(low, high, MayBeNaN);
    }

    /// <summary>The interval of |x|.</summary>
    public Interval Abs() => new(MinMagnitude, Magnitude, MayBeNaN);

    /// <summary>f applied to a nondecreasing function.</summary>
    public Interval Increasing(Func<double, double> f) => Hull(f(Low), f(High)).OrNaN(MayBeNaN);

    /// <summary>f applied to a nonincreasing function.</summary>
    public Interval Decreasing(Func<double, double> f) => Hull(f(High), f(Low)).OrNaN(MayBeNaN);

    /// <summary>
    /// f over the interval, for f monotone between the given points (kinks, extrema): the hull of f at the ends and
    /// at every given point inside.
    /// </summary>
    public Interval Piecewise(Func<double, double> f, params ReadOnlySpan<double> points)
    {
        var values = new List<double> { f(Low), f(High) };
        foreach (var p in points)
        {
            if (Contains(p))
            {
                values.Add(f(p));
            }
        }
        return Hull([.. values]).OrNaN(MayBeNaN);
    }

    /// <summary>Clamps to [low, high] (a clip op).</summary>
    public Interval Clamp(double low, double high) => new(Math.Min(Math.Max(Low, low), high), Math.Min(Math.Max(High, low), high), MayBeNaN);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{Low:G6}, {High:G6}]{(MayBeNaN ? " or NaN" : "")}");

    private Interval Clean(bool nan) => new(double.IsNaN(Low) ? double.NegativeInfinity : Low, double.IsNaN(High) ? double.PositiveInfinity : High, nan);

    private static bool OppositeInfinities(Interval x, Interval y) =>
        (double.IsNegativeInfinity(x.Low) && double.IsPositiveInfinity(y.High)) || (double.IsPositiveInfinity(x.High) && double.IsNegativeInfinity(y.Low));

    private static double Product(double a, double b) => a == 0 || b == 0 ? 0 : a * b;
}
