using System.Globalization;
using MilForge.Precision.Comparison;

namespace MilForge.Cli.Commands;

/// <summary>compare's text output: the tolerance rule and two lines per output (verdict line, then the statistics).</summary>
internal static class CompareText
{
    /// <summary>The rule a tolerance applies, e.g. <c>|candidate - reference| &lt;= 0.0001 + 0.001*|reference|</c>.</summary>
    public static string Rule(ToleranceSpec t)
    {
        if (t.Stat == ErrorStat.Elemwise)
        {
            return Invariant($"|candidate - reference| <= {t.Atol:G3} + {t.Rtol:G3}*|reference|");
        }
        if (t.IsCriterion)
        {
            return Criterion(t);
        }
        var stat = Stat(t);
        return Invariant($"{stat} of |candidate - reference| <= {t.Atol:G3} or {stat} of |candidate - reference|/|reference| <= {t.Rtol:G3}");
    }

    private static string Criterion(ToleranceSpec t) => t.Stat switch
    {
        ErrorStat.Cosine => Invariant($"cosine similarity of candidate and reference (flattened) >= {t.MinCosine:G6}"),
        ErrorStat.Psnr => Invariant($"PSNR (peak = max |reference|) >= {t.MinPsnr:G4} dB"),
        ErrorStat.RelL2 => Invariant($"||candidate - reference||2 / ||reference||2 <= {t.MaxRelL2:G3}"),
        _ => Invariant($"candidate's top-1 within the reference's top-{t.TopK} along the last axis in >= {t.MinTopKAgreement * 100:G4}% of the rows"),
    };

    /// <summary>The first line: status, max errors, elementwise mismatches, NaN/Inf counts, the checked values and what decided.</summary>
    public static string Verdict(OutputCheck o)
    {
        var c = o.Comparison;
        if (c.Detail is not null)
        {
            return $"{c.Name}: FAIL {c.Detail}";
        }
        var status = o.Passed ? "ok  " : "FAIL";
        var nonFinite = c.CandidateNaN + c.CandidateInf + c.ReferenceNaN + c.ReferenceInf > 0
            ? $", NaN/Inf candidate {c.CandidateNaN}/{c.CandidateInf} reference {c.ReferenceNaN}/{c.ReferenceInf}" : "";
        var check = o.Tolerance.Stat == ErrorStat.Elemwise || o.Tolerance.IsCriterion || o.Statistics is null ? ""
            : o.Statistics.NonFiniteMismatches > 0 ? $"; {o.Statistics.NonFiniteMismatches} NaN/Inf mismatch(es) fail in every mode"
            : $"; {Stat(o.Tolerance)} abs {G(o.CheckedAbsolute)} {(o.CheckedAbsolute <= o.Tolerance.Atol ? "<=" : ">")} atol {G(o.Tolerance.Atol)}, "
              + $"rel {G(o.CheckedRelative)} {(o.CheckedRelative <= o.Tolerance.Rtol ? "<=" : ">")} rtol {G(o.Tolerance.Rtol)}";
        var decided = $"; decided by {o.Decision.Text}";
        return Invariant($"{c.Name}: {status} max abs {c.MaxAbsError:G4}, max rel {c.MaxRelError:G4}, mismatches {c.Mismatches}/{c.Elements}{nonFinite}{check}{decided}");
    }

    /// <summary>The second line: abs and rel error summaries, PSNR, cosine and the tolerances that would pass; null without statistics.</summary>
    public static string? Statistics(OutputCheck o)
    {
        if (o.Statistics is not { } s)
        {
            return null;
        }
        if (s.FinitePairs == 0)
        {
            return $"no finite pairs to measure; {s.NonFiniteMatches} matching and {s.NonFiniteMismatches} mismatching NaN/Inf";
        }
        var (a, r) = (s.Absolute, s.Relative);
        var zeros = s.ZeroReferenceErrors > 0 ? $" (∞ at {s.ZeroReferenceErrors} exact-zero reference(s))" : "";
        return $"abs err mean {G(a.Mean)} median {G(a.Median)} p99 {G(a.P99)} max {G(a.Max)}; "
            + $"rel err mean {G(r.Mean)} median {G(r.Median)} p99 {G(r.P99)} max {G(r.Max)}{zeros}; "
            + $"PSNR {Psnr(s.Psnr)}; cosine {Cosine(s.Cosine)}; rel L2 {G(s.RelativeL2)}{(o.Tolerance.IsCriterion ? "" : "; " + WouldPass(o, s))}";
    }

    private static string WouldPass(OutputCheck o, ErrorStatistics s)
    {
        if (double.IsPositiveInfinity(o.MinAtol) && double.IsPositiveInfinity(o.MinRtol))
        {
            return s.NonFiniteMismatches > 0 ? $"no tolerance passes: {s.NonFiniteMismatches} NaN/Inf mismatch(es)" : "no tolerance passes";
        }
        var atol = $"atol >= {Up(o.MinAtol)} (rtol as given)";
        return double.IsPositiveInfinity(o.MinRtol)
            ? $"would pass with {atol}; no rtol passes with atol as given (errors off exact-zero references)"
            : $"would pass with {atol} or rtol >= {Up(o.MinRtol)} (atol as given)";
    }

    private static string Stat(ToleranceSpec t) => t.Stat == ErrorStat.Quantile ? Invariant($"quantile {t.Quantile:G4}") : t.StatName;

    private static string Psnr(double db) => double.IsPositiveInfinity(db) ? "∞ (identical)" : double.IsNegativeInfinity(db) ? "-∞ (zero reference)" : Invariant($"{db:F1} dB");

    private static string Cosine(double c) => double.IsNaN(c) ? "—" : Invariant($"{c:G7}");

    private static string G(double v) => v switch
    {
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "-∞",
        _ when double.IsNaN(v) => "—",
        _ => Invariant($"{v:G3}"),
    };

    /// <summary>Three significant digits rounded up, so that the printed tolerance really passes.</summary>
    private static string Up(double v)
    {
        var text = G(v);
        if (!double.IsFinite(v) || v == 0 || double.Parse(text, CultureInfo.InvariantCulture) >= v)
        {
            return text;
        }
        var scale = Math.Pow(10, Math.Floor(Math.Log10(v)) - 2);
        return G(Math.Ceiling(v / scale) * scale);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
