using System.Text.RegularExpressions;
using MilForge.Precision.Comparison;
using MilForge.Precision.Debugging;
using MilForge.Precision.Reports;
using MilForge.Precision.Search;
using MilForge.Precision.Tests.Debugging;

namespace MilForge.Precision.Tests.Reports;

/// <summary>
/// The HTML reports open in headless Chromium with no console message (no script error, no blocked network request)
/// and show what they promise: the origin op highlighted, a table that sorts when its header is clicked, charts.
/// </summary>
public sealed partial class HtmlReportBrowserTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "milforge-browser-tests", Guid.NewGuid().ToString("N"));

    public HtmlReportBrowserTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static (DebugReport Report, SearchResult Search, PlantedFault Fault) DebugSquare()
    {
        var fault = PlantedFault.Square();
        var subject = PrecisionSubject.FromPackage(fault.Program);
        List<IReadOnlyDictionary<string, Tensor>> samples = [fault.Sample(0), fault.Sample(1)];
        var report = new PrecisionDebugger().Run(subject.Fp32, subject.Shipped.Program, subject.Shipped.Fp32Names, samples);
        return (report, new MixedPrecisionSearch(subject, samples).Run(report), fault);
    }

    private string Save(string name, string html)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, html);
        return path;
    }

    [Fact]
    public void TheConsoleCheckCatchesAScriptError_Browser()
    {
        HeadlessBrowser.Require();
        var page = HeadlessBrowser.Load(Save("broken.html",
            "<html><body><script>undefinedFunction();</script></body></html>"));
        Assert.Contains(page.ConsoleMessages, m => m.Contains("undefinedFunction", StringComparison.Ordinal));
    }

    [Fact]
    public void TheRequestProbeSeesAnExternalImage_Browser()
    {
        HeadlessBrowser.Require();
        var requests = HeadlessBrowser.RequestedResources(Save("external.html", "<html><body><img src=\"https://example.com/x.png\"></body></html>"));
        Assert.Equal(["https://example.com/x.png"], requests);
    }

    [Fact]
    public void BothReportsAreSelfContained_Browser()
    {
        HeadlessBrowser.Require();
        var (report, search, _) = DebugSquare();
        Assert.Empty(HeadlessBrowser.RequestedResources(Save("debug.html", HtmlReport.Write("square.mlpackage", report, search))));
        Assert.Empty(HeadlessBrowser.RequestedResources(Save("compare.html", CompareHtmlReport.Write(SampleCompareReport()))));
    }

    [Fact]
    public void TheDebugReportLoadsWithoutConsoleMessagesAndHighlightsTheOriginOp_Browser()
    {
        HeadlessBrowser.Require();
        var (report, search, fault) = DebugSquare();
        var page = HeadlessBrowser.Load(Save("debug.html", HtmlReport.Write("square.mlpackage", report, search)));
        Assert.True(page.ConsoleMessages.Count == 0, string.Join("\n", page.ConsoleMessages));
        Assert.Contains($"<td>{fault.Culprit}</td>", OriginRows().Match(page.Dom).Value);
        Assert.Contains("<svg", page.Dom);
        Assert.Contains(search.Kept[0].Op, page.Dom);
    }

    [Fact]
    public void TheOpTableSortsByHeadroomWhenItsHeaderIsClicked_Browser()
    {
        HeadlessBrowser.Require();
        var (report, search, _) = DebugSquare();
        const string driver = """
            <script>
            var th = document.querySelectorAll('#ops th')[8];
            function column() { return Array.prototype.map.call(document.querySelectorAll('#ops tbody tr'), function (r) { return r.cells[8].textContent; }).join('|'); }
            th.click(); var up = column(); th.click(); var down = column();
            var probe = document.createElement('pre'); probe.id = 'probe'; probe.textContent = up + '\n' + down; document.body.appendChild(probe);
            </script>
            """;
        var html = HtmlReport.Write("square.mlpackage", report, search).Replace("</body>", driver + "</body>", StringComparison.Ordinal);
        var page = HeadlessBrowser.Load(Save("sorted.html", html));
        Assert.True(page.ConsoleMessages.Count == 0, string.Join("\n", page.ConsoleMessages));
        var probe = Probe().Match(page.Dom);
        Assert.True(probe.Success, "the driver script did not run");
        static double Value(string cell) => cell == "∞" ? double.PositiveInfinity : double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture);
        var lines = probe.Groups[1].Value.Split('\n');
        var ascending = lines[0].Split('|').Select(Value).ToList();
        var descending = lines[1].Split('|').Select(Value).ToList();
        Assert.Equal(report.Ops.Count, ascending.Count);
        Assert.Equal([.. ascending.Order()], ascending);
        Assert.Equal([.. ascending.AsEnumerable().Reverse()], descending);
        Assert.True(ascending[0] < 0, "the square's negative headroom sorts first");
    }

    [Fact]
    public void TheCompareReportLoadsWithoutConsoleMessagesAndShowsEveryOutput_Browser()
    {
        HeadlessBrowser.Require();
        var page = HeadlessBrowser.Load(Save("compare.html", CompareHtmlReport.Write(SampleCompareReport())));
        Assert.True(page.ConsoleMessages.Count == 0, string.Join("\n", page.ConsoleMessages));
        Assert.Contains("logits", page.Dom);
        Assert.Contains("scores", page.Dom);
        Assert.Contains("<svg", page.Dom);
    }

    /// <summary>Two outputs: one exact, one off by 1e-3 with a NaN.</summary>
    private static CompareReport SampleCompareReport()
    {
        var reference = TestTensors.Uniform(1, [64], -1, 1);
        var candidate = Tensor.FromFloats([.. reference.AsFloats().Select((v, i) => i == 3 ? float.NaN : v + 1e-3f)], reference.ShapeArray(), DataType.Float32);
        var tolerance = new ToleranceSpec(1e-2, 1e-2);
        return new CompareReport("model.onnx", "model.mlpackage", "fp16", "fp32-accumulate",
            [OutputCheck.Check("logits", reference, reference, tolerance), OutputCheck.Check("scores", reference, candidate, tolerance)]);
    }

    [GeneratedRegex("<table class=\"origins\"[\\s\\S]*?</table>")]
    private static partial Regex OriginRows();

    [GeneratedRegex("<pre id=\"probe\">([^<]*)</pre>")]
    private static partial Regex Probe();
}
