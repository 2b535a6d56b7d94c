using System.Globalization;
using System.Text;
using MilForge.Precision.Search;

namespace MilForge.Precision.Reports;

/// <summary>
/// The ranked search's trade-off curve as inline SVG (no script): x is k, the ops kept in FP32; the left axis is the
/// largest output error (log scale, points green when the evaluation passed, red when it failed); the right axis is
/// the share of FLOPs left in FP16 (grey line). Followed by the same numbers as a table.
/// </summary>
internal static class TradeOffChart
{
    private const int Width = 640, Height = 260, Left = 60, Right = 60, Top = 16, Bottom = 40;

    public static void Write(StringBuilder html, IReadOnlyList<TradeOffPoint> points)
    {
        if (points.Count == 0)
        {
            return;
        }
        html.Append("<h3>Trade-off: ops kept in FP32 vs error vs FP16 FLOPs</h3>\n");
        var errors = points.Select(p => p.MaxAbsError).Where(e => double.IsFinite(e) && e > 0).DefaultIfEmpty(1).ToList();
        var (lo, hi) = (Math.Floor(Math.Log10(errors.Min())), Math.Ceiling(Math.Log10(errors.Max())));
        hi = Math.Max(hi, lo + 1);
        var maxK = Math.Max(1, points.Max(p => p.K));
        var (plotW, plotH) = (Width - Left - Right, Height - Top - Bottom);
        double X(int k) => Left + ((double)k / maxK * plotW);
        double YError(double e) => Top + ((hi - Math.Log10(Math.Clamp(double.IsFinite(e) && e > 0 ? e : Math.Pow(10, lo), Math.Pow(10, lo), Math.Pow(10, hi)))) / (hi - lo) * plotH);
        double YShare(double s) => Top + ((1 - s) * plotH);
        var c = CultureInfo.InvariantCulture;
        html.Append(c, $"<svg id=\"tradeoff\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"trade-off chart\">");
        html.Append(c, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{plotW}\" height=\"{plotH}\" fill=\"none\" stroke=\"#bbb\"/>");
        for (var d = lo; d <= hi; d++)
        {
            html.Append(c, $"<text x=\"{Left - 6}\" y=\"{YError(Math.Pow(10, d)) + 4:0.#}\" text-anchor=\"end\">1e{d}</text>");
        }
        foreach (var s in new[] { 0.0, 0.5, 1.0 })
        {
            html.Append(c, $"<text x=\"{Left + plotW + 6}\" y=\"{YShare(s) + 4:0.#}\">{s:P0}</text>");
        }
        var lastLabel = double.NegativeInfinity;
        foreach (var k in points.Select(p => p.K).Distinct().Order())
        {
            // Close k values would print over each other; the table below has them all.
            if (X(k) - lastLabel >= 24 || k == maxK)
            {
                html.Append(c, $"<text x=\"{X(k):0.#}\" y=\"{Top + plotH + 14}\" text-anchor=\"middle\" class=\"small\">{k}</text>");
                lastLabel = X(k);
            }
        }
        html.Append(c, $"<text x=\"{Left + plotW - 6}\" y=\"{Top + 14}\" text-anchor=\"end\" class=\"small\">— max abs error (left) · - - FP16 share of FLOPs (right)</text>");
        html.Append(c, $"<text x=\"{Left + (plotW / 2)}\" y=\"{Height - 6}\" text-anchor=\"middle\">k: top ops by local FP16 error kept in FP32</text>");
        html.Append(c, $"<text x=\"12\" y=\"{Top + (plotH / 2)}\" transform=\"rotate(-90 12 {Top + (plotH / 2)})\" text-anchor=\"middle\">max abs error</text>");
        html.Append("<polyline fill=\"none\" stroke=\"#999\" stroke-dasharray=\"4 3\" points=\"")
            .AppendJoin(' ', points.Select(p => string.Create(c, $"{X(p.K):0.#},{YShare(p.FlopsFp16Share):0.#}"))).Append("\"/>");
        html.Append("<polyline fill=\"none\" stroke=\"#6b8fd6\" points=\"")
            .AppendJoin(' ', points.Select(p => string.Create(c, $"{X(p.K):0.#},{YError(p.MaxAbsError):0.#}"))).Append("\"/>");
        foreach (var p in points)
        {
            html.Append(c, $"<circle class=\"{(p.Passed ? "pass" : "fail")}\" cx=\"{X(p.K):0.#}\" cy=\"{YError(p.MaxAbsError):0.#}\" r=\"4\" fill=\"{(p.Passed ? "#2f8f4e" : "#d05050")}\">")
                .Append(c, $"<title>k={p.K}: max abs error {ReportHtml.N(p.MaxAbsError)}, {p.FlopsFp16Share:P1} of FLOPs in FP16, {(p.Passed ? "pass" : "fail")}</title></circle>");
        }
        html.Append("</svg>\n<table id=\"tradeoff-table\"><tr><th>k</th><th>FP32 ops</th><th>FP16 ops</th><th>FP16 FLOPs</th><th>max abs err</th><th>max rel err</th><th>result</th></tr>");
        foreach (var p in points)
        {
            html.Append(c, $"<tr><td>{p.K}</td><td>{p.Fp32Ops}</td><td>{p.OpsFp16Share:P1}</td><td>{p.FlopsFp16Share:P1}</td><td>{ReportHtml.N(p.MaxAbsError)}</td><td>{ReportHtml.N(p.MaxRelError)}</td><td>{(p.Passed ? "pass" : "fail")}</td></tr>");
        }
        html.Append("</table>\n");
    }
}
