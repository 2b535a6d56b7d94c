using System.Text;
using MilForge.Precision.Comparison;

namespace MilForge.Precision.Reports;

/// <summary>
/// The <c>compare --report</c> page, self-contained (inline CSS, SVG and a little JavaScript, no network): the verdict,
/// a sortable table of every output's tolerances and error statistics, and an error histogram per output.
/// </summary>
public static class CompareHtmlReport
{
    private static readonly string[] Columns =
    [
        "output", "status", "shape", "mode", "decided by", "atol", "rtol", "mismatches", "abs mean", "abs median", "abs p99", "abs max",
        "rel mean", "rel median", "rel p99", "rel max", "PSNR dB", "cosine", "rel L2", "min atol", "min rtol", "NaN/Inf ref", "NaN/Inf cand",
    ];

    /// <summary>Renders the report.</summary>
    public static string Write(CompareReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>MilForge compare report: ")
            .Append(E(report.Candidate)).Append("</title>\n<style>").Append(ReportHtml.Css).Append("</style></head><body>\n");
        html.Append("<h1>Compare report</h1><p class=\"meta\">reference ").Append(E(report.Reference)).Append("<br>candidate ")
            .Append(E(report.Candidate)).Append("<br>precision ").Append(E(report.Precision)).Append(" · accumulation <code>")
            .Append(E(report.AccumulationPolicy)).Append("</code></p>\n");
        Verdict(html, report.Verdict);
        Table(html, report);
        html.Append("<h2>Output errors</h2><p>|candidate − reference| per element, by decade; the last bar counts NaN/Inf mismatches.</p>\n");
        foreach (var o in report.Outputs)
        {
            if (o.Statistics is { } s)
            {
                ReportHtml.Histogram(html, o.Name, ErrorStatistics.HistogramBuckets, s.Histogram);
            }
            else
            {
                html.Append("<figure><figcaption>").Append(E(o.Name)).Append("</figcaption><p>").Append(E(o.Comparison.Detail ?? "no statistics")).Append("</p></figure>\n");
            }
        }
        html.Append("<script>").Append(ReportHtml.SortScript).Append("</script>\n</body></html>\n");
        return html.ToString();
    }

    private static void Verdict(StringBuilder html, ComparisonVerdict verdict)
    {
        var (cls, text) = verdict switch
        {
            ComparisonVerdict.Pass => ("good", "PASS: every output is within tolerance (exit 0)"),
            ComparisonVerdict.NonFinite => ("bad", "FAIL: the candidate produces NaN/Inf where the reference is finite (exit 2)"),
            _ => ("warn", "FAIL: outputs differ beyond tolerance (exit 1)"),
        };
        html.Append("<div class=\"verdict ").Append(cls).Append("\" id=\"verdict\" data-verdict=\"").Append(Verdicts.Name(verdict)).Append("\">")
            .Append(E(text)).Append("</div>\n");
    }

    private static void Table(StringBuilder html, CompareReport report)
    {
        html.Append("<h2>Outputs</h2><p>elemwise: every element must pass |a − r| ≤ atol + rtol·|r|. max/mean/median/quantile: ")
            .Append("the statistic of |a − r| must be ≤ atol <b>or</b> that of |a − r|/|r| ≤ rtol. Relative error at r = 0 is ∞ ")
            .Append("unless a = 0. cosine, psnr (peak: the reference's max |r|), rel-l2 (‖a − r‖₂/‖r‖₂) and topk:K (share of rows along ")
            .Append("the last axis whose candidate argmax is in the reference's top K) compare that one measure with its threshold; ")
            .Append("\"decided by\" shows it. NaN/Inf only match the same value. min atol / min rtol: the smallest tolerance that would pass, ")
            .Append("the other as given. Click a column header to sort.</p>\n<table id=\"outputs\" class=\"sortable\"><thead><tr>");
        foreach (var h in Columns)
        {
            html.Append("<th>").Append(E(h)).Append("</th>");
        }
        html.Append("</tr></thead><tbody>");
        foreach (var o in report.Outputs)
        {
            var (c, s, t) = (o.Comparison, o.Statistics, o.Tolerance);
            var mode = t.Stat == ErrorStat.Quantile ? $"quantile {F(t.Quantile)}" : t.ModeText;
            string[] cells =
            [
                o.Name, o.Passed ? "ok" : "FAIL", $"[{string.Join(", ", o.Shape)}]", mode, o.Decision.Text, F(t.Atol), F(t.Rtol), $"{c.Mismatches}/{c.Elements}",
                F(s?.Absolute.Mean), F(s?.Absolute.Median), F(s?.Absolute.P99), F(s?.Absolute.Max),
                F(s?.Relative.Mean), F(s?.Relative.Median), F(s?.Relative.P99), F(s?.Relative.Max),
                F(s?.Psnr), F(s?.Cosine), F(s?.RelativeL2), F(o.MinAtol), F(o.MinRtol), $"{c.ReferenceNaN}/{c.ReferenceInf}", $"{c.CandidateNaN}/{c.CandidateInf}",
            ];
            html.Append(o.Passed ? "<tr>" : "<tr class=\"bad\">");
            foreach (var cell in cells)
            {
                html.Append("<td>").Append(E(cell)).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>\n");
    }

    private static string F(double? v) => v switch
    {
        null => "—",
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "-∞",
        { } x => ReportHtml.N(x),
    };

    private static string E(string text) => ReportHtml.E(text);
}
