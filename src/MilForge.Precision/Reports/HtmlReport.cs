using System.Globalization;
using System.Text;
using MilForge.Precision.Debugging;
using MilForge.Precision.Search;

namespace MilForge.Precision.Reports;

/// <summary>
/// A self-contained HTML report (no network: inline CSS, SVG and a little JavaScript): the verdict, the origin ops
/// highlighted, a headroom chart, an error histogram per output, the sortable per-op table and, when searched, the plan.
/// </summary>
public static class HtmlReport
{
    private static readonly string[] Buckets = ["<1e-8", "1e-8", "1e-7", "1e-6", "1e-5", "1e-4", "1e-3", "1e-2", "1e-1", "1", "10", "100", "1e3", "≥1e4", "NaN/Inf"];

    /// <summary>Renders the report.</summary>
    public static string Write(string model, DebugReport report, SearchResult? search)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>MilForge precision report: ")
            .Append(E(Path.GetFileName(model))).Append("</title>\n<style>").Append(ReportHtml.Css).Append("</style></head><body>\n");
        html.Append("<h1>Precision report</h1><p class=\"meta\">").Append(E(model)).Append(" · ").Append(report.Samples)
            .Append(" sample(s) · accumulation <code>").Append(E(report.Policy)).Append("</code> · FP32 reference vs FP16</p>\n");
        Verdict(html, report);
        Origins(html, report);
        Headroom(html, report);
        Histograms(html, report);
        if (search is not null)
        {
            Plan(html, search);
        }
        OpTable(html, report);
        html.Append("<script>").Append(ReportHtml.SortScript).Append("</script>\n</body></html>\n");
        return html.ToString();
    }

    private static void Verdict(StringBuilder html, DebugReport report)
    {
        var cls = report.Fp16ProducesNonFinite ? "bad" : report.Outputs.All(o => o.Passed) ? "good" : "warn";
        var text = report.Fp16ProducesNonFinite ? "FP16 produces NaN/Inf where FP32 is finite"
            : report.Outputs.All(o => o.Passed) ? "FP16 matches FP32 within tolerance" : "FP16 differs from FP32 beyond tolerance";
        html.Append("<div class=\"verdict ").Append(cls).Append("\" id=\"verdict\">").Append(E(text)).Append("</div>\n<ul class=\"outputs\">");
        foreach (var o in report.Outputs)
        {
            html.Append("<li><b>").Append(E(o.Name)).Append("</b>: max abs ").Append(N(o.Comparison.MaxAbsError)).Append(", max rel ")
                .Append(N(o.Comparison.MaxRelError)).Append(", new NaN/Inf ").Append(o.Comparison.NewNonFinite);
            if (o.Check is { } check)
            {
                html.Append("; decided by ").Append(E(check.Decision.Text)).Append(check.Passed ? " (pass)" : " (FAIL)");
            }
            html.Append("</li>");
        }
        html.Append("</ul>\n");
    }

    private static void Origins(StringBuilder html, DebugReport report)
    {
        html.Append("<h2>Origin ops</h2><p>Ops whose FP16 result fails while every input is fine: where the failure is born.</p>\n");
        if (report.OriginOps.Count == 0)
        {
            html.Append("<p id=\"no-origin\">None.</p>\n");
            return;
        }
        html.Append("<table class=\"origins\" id=\"origins\"><tr><th>MIL op</th><th>type</th><th>ONNX node</th><th>ONNX op</th><th>status</th><th>FP32 |max|</th><th>headroom</th></tr>");
        foreach (var o in report.OriginOps)
        {
            html.Append("<tr class=\"origin\"><td>").Append(E(o.Name)).Append("</td><td>").Append(E(o.OpType)).Append("</td><td><b>")
                .Append(E(o.Origin.NodeName ?? "")).Append("</b></td><td>").Append(E(o.Origin.OpType ?? "")).Append("</td><td>")
                .Append(o.Status).Append("</td><td>").Append(N(o.AbsMax)).Append("</td><td>").Append(H(o.Headroom)).Append("</td></tr>");
        }
        html.Append("</table>\n");
    }

    private static void Headroom(StringBuilder html, DebugReport report)
    {
        var ops = report.ByHeadroom.Take(25).ToList();
        html.Append("<h2>Headroom to 65504</h2><p>log2(65504 / FP32 |max|), lowest first; below zero the values overflow FP16.</p>\n");
        if (ops.Count == 0)
        {
            return;
        }
        const int Width = 760, Row = 18, Label = 300;
        var lo = Math.Min(0, ops.Min(o => o.Headroom));
        var hi = Math.Max(1, ops.Where(o => double.IsFinite(o.Headroom)).Select(o => o.Headroom).DefaultIfEmpty(1).Max());
        double X(double h) => Label + ((Math.Clamp(h, lo, hi) - lo) / (hi - lo) * (Width - Label - 60));
        html.Append(CultureInfo.InvariantCulture, $"<svg id=\"headroom\" width=\"{Width}\" height=\"{(ops.Count * Row) + 24}\" role=\"img\" aria-label=\"headroom chart\">");
        html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(0):0.#}\" y1=\"0\" x2=\"{X(0):0.#}\" y2=\"{ops.Count * Row}\" class=\"zero\"/>");
        for (var i = 0; i < ops.Count; i++)
        {
            var o = ops[i];
            var (x0, x1) = (X(Math.Min(0, o.Headroom)), X(Math.Max(0, o.Headroom)));
            var cls = report.OriginOps.Contains(o) ? "bar origin" : o.Headroom < 0 ? "bar bad" : o.Headroom < 2 ? "bar warn" : "bar";
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{Label - 6}\" y=\"{(i * Row) + 13}\" text-anchor=\"end\">{E(Short(o.Name))}</text>");
            html.Append(CultureInfo.InvariantCulture, $"<rect class=\"{cls}\" x=\"{x0:0.#}\" y=\"{(i * Row) + 3}\" width=\"{Math.Max(1, x1 - x0):0.#}\" height=\"{Row - 6}\"><title>{E(o.Name)}: {H(o.Headroom)}</title></rect>");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{x1 + 4:0.#}\" y=\"{(i * Row) + 13}\">{H(o.Headroom)}</text>");
        }
        html.Append("</svg>\n");
    }

    private static void Histograms(StringBuilder html, DebugReport report)
    {
        html.Append("<h2>Output errors</h2><p>|FP16 − FP32| per element, by decade.</p>\n");
        foreach (var o in report.Outputs)
        {
            ReportHtml.Histogram(html, o.Name, Buckets, o.ErrorHistogram);
        }
    }

    private static void Plan(StringBuilder html, SearchResult search)
    {
        html.Append("<h2>Mixed-precision plan</h2><p id=\"plan-summary\">").Append(search.Kept.Count).Append(" op(s) kept in FP32; ")
            .Append(P(search.OpsFp16Share)).Append(" of ops and ").Append(P(search.FlopsFp16Share)).Append(" of FLOPs in FP16; ")
            .Append(search.CastsAdded).Append(" cast(s); ").Append(search.Evaluations).Append(" evaluation(s); ")
            .Append(search.Verified ? "verified" : "<b>not verified</b>").Append(".</p>\n");
        if (search.Left is not null)
        {
            html.Append("<p id=\"left\">Left undone: ").Append(E(search.Left)).Append(".</p>\n");
        }
        TradeOffChart.Write(html, search.TradeOff);
        html.Append("<table id=\"plan\"><tr><th>MIL op</th><th>type</th><th>ONNX node</th><th>evidence</th></tr>");
        foreach (var k in search.Kept)
        {
            html.Append("<tr><td>").Append(E(k.Op)).Append("</td><td>").Append(E(k.OpType)).Append("</td><td>").Append(E(k.Origin.NodeName ?? ""))
                .Append("</td><td>").Append(E(k.Evidence)).Append("</td></tr>");
        }
        html.Append("</table>\n");
    }

    private static void OpTable(StringBuilder html, DebugReport report)
    {
        html.Append("<h2>All ops</h2><p>Click a column header to sort.</p>\n<table id=\"ops\" class=\"sortable\"><thead><tr>");
        foreach (var h in new[] { "#", "MIL op", "type", "ONNX node", "status", "min", "max", "|max|", "headroom", ">65504", "flush to 0", "max abs err", "max rel err", "NaN", "Inf" })
        {
            html.Append("<th>").Append(E(h)).Append("</th>");
        }
        html.Append("</tr></thead><tbody>");
        var origins = report.OriginOps.ToHashSet();
        foreach (var o in report.Ops)
        {
            html.Append("<tr").Append(origins.Contains(o) ? " class=\"origin\"" : o.Status == OpStatus.NonFinite ? " class=\"bad\"" : "").Append('>');
            foreach (var cell in new[] { o.Index.ToString(CultureInfo.InvariantCulture), o.Name, o.OpType, o.Origin.NodeName ?? "", o.Status.ToString(),
                N(o.Min), N(o.Max), N(o.AbsMax), H(o.Headroom), P(o.BeyondFp16Share), P(o.FlushToZeroShare), N(o.MaxAbsError), N(o.MaxRelError),
                o.NaNFp16.ToString(CultureInfo.InvariantCulture), o.InfFp16.ToString(CultureInfo.InvariantCulture) })
            {
                html.Append("<td>").Append(E(cell)).Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</tbody></table>\n");
    }

    private static string Short(string name) => name.Length <= 40 ? name : name[..18] + "…" + name[^18..];

    private static string E(string text) => ReportHtml.E(text);

    private static string N(double v) => ReportHtml.N(v);

    private static string H(double h) => double.IsPositiveInfinity(h) ? "∞" : h.ToString("0.0", CultureInfo.InvariantCulture);

    private static string P(double share) => share.ToString("0.##%", CultureInfo.InvariantCulture);
}
