using System.Globalization;
using System.Net;
using System.Text;

namespace MilForge.Precision.Reports;

/// <summary>The pieces every self-contained HTML report shares: style, the sortable-table script, formatting and the decade histogram.</summary>
internal static class ReportHtml
{
    /// <summary>HTML-encodes text.</summary>
    public static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A number with four significant digits; a dash when it is not finite.</summary>
    public static string N(double v) => double.IsFinite(v) ? v.ToString("G4", CultureInfo.InvariantCulture) : "—";

    /// <summary>An inline SVG bar chart of counts per bucket, the last bucket (NaN/Inf) drawn in red.</summary>
    public static void Histogram(StringBuilder html, string caption, IReadOnlyList<string> buckets, IReadOnlyList<long> counts)
    {
        var max = Math.Max(1, counts.Max());
        const int W = 36, Height = 120;
        html.Append("<figure><figcaption>").Append(E(caption)).Append("</figcaption>");
        html.Append(CultureInfo.InvariantCulture, $"<svg class=\"histogram\" width=\"{(buckets.Count * W) + 10}\" height=\"{Height + 40}\">");
        for (var b = 0; b < buckets.Count; b++)
        {
            var h = counts[b] == 0 ? 0 : Math.Max(2, (double)counts[b] / max * Height);
            html.Append(CultureInfo.InvariantCulture, $"<rect class=\"{(b == buckets.Count - 1 ? "bar bad" : "bar")}\" x=\"{(b * W) + 5}\" y=\"{Height - h:0.#}\" width=\"{W - 6}\" height=\"{h:0.#}\"><title>{buckets[b]}: {counts[b]}</title></rect>");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{(b * W) + 5 + ((W - 6) / 2)}\" y=\"{Height + 14}\" text-anchor=\"middle\" class=\"small\">{E(buckets[b])}</text>");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{(b * W) + 5 + ((W - 6) / 2)}\" y=\"{Height + 30}\" text-anchor=\"middle\" class=\"small\">{counts[b]}</text>");
        }
        html.Append("</svg></figure>\n");
    }

    /// <summary>The shared style sheet.</summary>
    public const string Css = """
        body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}h1{margin:0 0 4px}h2{margin-top:28px}
        .meta{color:#666}code{background:#f3f3f3;padding:0 3px}.verdict{padding:10px 14px;border-radius:6px;font-weight:600;margin:12px 0}
        .verdict.good{background:#e6f4ea;color:#1e6b34}.verdict.bad{background:#fde8e8;color:#9b1c1c}.verdict.warn{background:#fff4e0;color:#8a5300}
        table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ddd;padding:3px 7px;text-align:left;font-size:12px}
        th{background:#f6f6f6;cursor:pointer;user-select:none}tr.origin td{background:#fde8e8;font-weight:600}tr.bad td{background:#fff4f4}
        svg text{font-size:11px;fill:#333}.small{font-size:10px}.bar{fill:#6b8fd6}.bar.warn{fill:#e0a030}.bar.bad{fill:#d05050}
        .bar.origin{fill:#b00020}.zero{stroke:#999;stroke-dasharray:3 3}figure{display:inline-block;margin:8px 16px 8px 0}figcaption{font-weight:600}
        """;

    /// <summary>Sorts a <c>table.sortable</c> by the clicked column: numbers numerically (∞ largest), other cells as text.</summary>
    public const string SortScript = """
        document.querySelectorAll('table.sortable th').forEach(function (th, column) {
          th.addEventListener('click', function () {
            var body = th.closest('table').tBodies[0];
            var rows = Array.prototype.slice.call(body.rows);
            var ascending = th.dataset.order !== 'asc';
            th.dataset.order = ascending ? 'asc' : 'desc';
            function key(row) {
              var text = row.cells[column].textContent.replace('%', '');
              var number = text === '∞' ? Infinity : text === '—' ? NaN : parseFloat(text);
              return isNaN(number) ? text : number;
            }
            rows.sort(function (a, b) {
              var x = key(a), y = key(b);
              var order = (typeof x === 'number' && typeof y === 'number') ? x - y : String(x).localeCompare(String(y));
              return ascending ? order : -order;
            });
            rows.forEach(function (row) { body.appendChild(row); });
          });
        });
        """;
}
