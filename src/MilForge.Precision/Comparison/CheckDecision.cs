namespace MilForge.Precision.Comparison;

/// <summary>
/// What decided an output's verdict, for reports: the criterion (<c>elemwise</c>, <c>max abs</c>, <c>cosine</c>,
/// <c>topk:5</c>, <c>nonfinite</c>, <c>shape</c>, …), its measured value, the pass condition and the threshold.
/// </summary>
/// <param name="Criterion">The criterion's name.</param>
/// <param name="Measured">The measured value (elemwise: mismatching elements; nonfinite: NaN/Inf mismatches; NaN when nothing could be measured).</param>
/// <param name="Relation">The pass condition between measured and threshold: <c>&lt;=</c> or <c>&gt;=</c>.</param>
/// <param name="Threshold">The threshold.</param>
/// <param name="Passed">True when the output passed.</param>
public sealed record CheckDecision(string Criterion, double Measured, string Relation, double Threshold, bool Passed)
{
    /// <summary>The relation as it held: the pass condition when passed, its negation (<c>&gt;</c>, <c>&lt;</c>) otherwise.</summary>
    public string Held => Passed || double.IsNaN(Measured) ? Relation : Relation == "<=" ? ">" : "<";

    /// <summary>One line for reports, e.g. <c>cosine 0.99991 &gt;= 0.9999</c> or <c>elemwise mismatches 3 &gt; 0</c>.</summary>
    public string Text => double.IsNaN(Measured) ? $"{Criterion}: nothing to measure (no finite pair)"
        : Criterion is "elemwise" or "nonfinite" or "shape" or "values" ? $"{Criterion} mismatches {Number(Measured)} {Held} 0"
        : $"{Criterion} {Number(Measured)} {Held} {Number(Threshold)}";

    private static string Number(double v) => v switch
    {
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "-∞",
        _ => v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture),
    };

    internal static CheckDecision Of(OutputCheck o)
    {
        var (c, s, t) = (o.Comparison, o.Statistics, o.Tolerance);
        if (s is null)
        {
            return new CheckDecision(c.ShapeMatches ? "values" : "shape", c.Mismatches, "<=", 0, o.Passed);
        }
        if (s.NonFiniteMismatches > 0)
        {
            return new CheckDecision("nonfinite", s.NonFiniteMismatches, "<=", 0, o.Passed);
        }
        if (t.Stat == ErrorStat.Elemwise)
        {
            return new CheckDecision("elemwise", c.Mismatches, "<=", 0, o.Passed);
        }
        if (t.IsCriterion)
        {
            return new CheckDecision(t.ModeText, o.Measured, t.HigherIsBetter ? ">=" : "<=", t.Threshold, o.Passed);
        }
        var stat = t.Stat == ErrorStat.Quantile ? FormattableString.Invariant($"quantile {t.Quantile:G4}") : t.StatName;
        var relative = o.CheckedAbsolute > t.Atol && o.CheckedRelative <= t.Rtol;
        return relative
            ? new CheckDecision($"{stat} rel", o.CheckedRelative, "<=", t.Rtol, o.Passed)
            : new CheckDecision($"{stat} abs", o.CheckedAbsolute, "<=", t.Atol, o.Passed);
    }
}
