using System.Text;
using MilForge.Precision.Static;
using static MilForge.Precision.Reports.ReportHtml;

namespace MilForge.Precision.Reports;

/// <summary>The <c>debug-precision --static --report</c> page: the verdict, the input intervals, the FP16 findings and where soundness breaks.</summary>
public static class StaticHtmlReport
{
    /// <summary>A self-contained HTML page of a static report.</summary>
    public static string Write(string model, StaticReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>MilForge static bounds: ")
            .Append(E(Path.GetFileName(model))).Append("</title>\n<style>").Append(Css).Append("</style></head><body>\n");
        html.Append("<h1>Static FP16 bounds</h1><p class=\"meta\">").Append(E(model))
            .Append(" · intervals propagated through the FP32 program from the input ranges, no data run</p>\n");
        var (cls, text) = report.MayOverflow ? ("bad", "Some op's bound passes 65504: FP16 overflow is not excluded")
            : report.Findings.Count > 0 ? ("warn", "Values may fall below FP16's normal range") : ("good", "Every bound lies within FP16's normal range");
        html.Append("<div class=\"verdict ").Append(cls).Append("\" id=\"verdict\">").Append(E(text)).Append("</div>\n<ul class=\"outputs\">");
        foreach (var i in report.Inputs)
        {
            html.Append("<li><b>").Append(E(i.Name)).Append("</b>: ").Append(E(i.Range.ToString())).Append(i.Assumed ? " (assumed: no --input-range)" : " (given)").Append("</li>");
        }
        html.Append("</ul>\n");
        Table(html, "findings", "FP16 findings, in program order", report.Findings);
        Table(html, "unsound", "Where soundness breaks (unknown or estimated bounds)", [.. report.Unsound]);
        html.Append("<script>").Append(SortScript).Append("</script>\n</body></html>\n");
        return html.ToString();
    }

    private static void Table(StringBuilder html, string id, string caption, IReadOnlyList<OpBound> ops)
    {
        html.Append("<h2>").Append(E(caption)).Append("</h2>\n");
        if (ops.Count == 0)
        {
            html.Append("<p id=\"no-").Append(id).Append("\">None.</p>\n");
            return;
        }
        html.Append("<table class=\"ops\" id=\"").Append(id).Append("\"><tr><th>#</th><th>MIL op</th><th>type</th><th>ONNX node</th><th>risk</th><th>low</th><th>high</th><th>bound</th><th>note</th></tr>");
        foreach (var o in ops)
        {
            html.Append("<tr><td>").Append(o.Index).Append("</td><td>").Append(E(o.Name)).Append("</td><td>").Append(E(o.OpType))
                .Append("</td><td>").Append(E(o.Origin.NodeName ?? "")).Append("</td><td>").Append(StaticReportJson.RiskName(o.Risk))
                .Append("</td><td>").Append(E(End(o.Bound.Range.Low))).Append("</td><td>").Append(E(End(o.Bound.Range.High)))
                .Append("</td><td>").Append(o.Bound.Kind.ToString().ToLowerInvariant()).Append("</td><td>")
                .Append(E(o.Note ?? (o.Bound.UnboundedBy is { } by && !o.Bound.Range.IsFinite ? $"unbounded since {by}" : ""))).Append("</td></tr>");
        }
        html.Append("</table>\n");
    }

    private static string End(double v) => double.IsFinite(v) ? N(v) : v > 0 ? "+∞" : "−∞";
}
