using System.Text.Json.Nodes;

namespace MilForge.Cli.Tests;

/// <summary>
/// <c>convert --precision auto</c> on a model whose FP16 error is diffuse (<see cref="DiffuseErrorCnn"/>): the ranked
/// search's trade-off table is printed, written to the JSON report and plotted in the HTML report.
/// </summary>
public class DiffuseAutoPrecisionTests
{
    [Fact]
    public void AutoPrintsTheTradeOffTableAndReportsIt()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp["diffuse.onnx"], DiffuseErrorCnn.Build());
        var run = CliRunner.Run("convert", temp["diffuse.onnx"], "-o", temp["auto.mlpackage"], "--precision", "auto",
            "--json", temp["auto.json"], "--report", temp["auto.html"]);
        Assert.True(run.Exit == 0, run.Out + run.Err);
        Assert.Contains("Trade-off (top k ops by local FP16 error kept in FP32", run.Out);
        Assert.Matches(@"\n\s+0\s+0\s+100\.0 %\s+100\.0 %\s+\S+\s+\S+\s+fail", run.Out);
        Assert.DoesNotContain("not examined", run.Out);
        var search = JsonNode.Parse(File.ReadAllText(temp["auto.json"]))!["auto"]!["search"]!;
        Assert.True((bool)search["verified"]!);
        var points = search["tradeOff"]!.AsArray();
        Assert.Contains(points, p => (int)p!["k"]! == 0 && !(bool)p["passed"]!);
        Assert.Contains(points, p => (bool)p!["passed"]!);
        var html = File.ReadAllText(temp["auto.html"]);
        Assert.Contains("<svg id=\"tradeoff\"", html);
        Assert.Contains("id=\"tradeoff-table\"", html);
        Assert.DoesNotContain("<script src", html);
    }
}
