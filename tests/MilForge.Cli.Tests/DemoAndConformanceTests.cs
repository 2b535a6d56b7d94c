using System.Text.Json.Nodes;

namespace MilForge.Cli.Tests;

public class DemoAndConformanceTests
{
    [Fact]
    public void DemoRunsTheWholePathAndPasses()
    {
        using var temp = new TempFolder();
        var r = CliRunner.Run("demo", "--dir", temp.Path);
        Assert.True(r.Exit == 0, r.Out + r.Err);
        Assert.Contains("PASS", r.Out);
        Assert.True(File.Exists(temp["demo.onnx"]));
        Assert.True(File.Exists(Path.Combine(temp["demo.mlpackage"], "Manifest.json")));
    }

    [Fact]
    public void ConformanceOnSharedNodeTestsWritesTheJsonSummary()
    {
        var node = SharedData.Path("onnx-backend-tests", "node");
        using var temp = new TempFolder();
        var r = CliRunner.Run("conformance", node, "--filter", "^test_(relu|softmax_axis_0|hardmax_example)$", "--json", temp["c.json"]);
        Assert.True(r.Exit == 0, r.Err);
        var json = JsonNode.Parse(File.ReadAllText(temp["c.json"]))!;
        Assert.Equal(3, (int)json["total"]!);
        Assert.Equal(2, (int)json["passed"]!);
        Assert.Equal(1, (int)json["unsupported"]!);
        Assert.Equal(0, (int)json["failed"]!);
        Assert.Equal(1, (int)json["byOp"]!["Relu"]!["passed"]!);
        Assert.Equal(1, (int)json["byOp"]!["Hardmax"]!["unsupported"]!);
    }
}
