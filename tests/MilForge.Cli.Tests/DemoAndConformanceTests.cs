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
        Assert.Contains("PASS: the FP32 package computes what the ONNX model computes.", r.Out);
        Assert.True(File.Exists(temp["demo.onnx"]));
        Assert.True(File.Exists(Path.Combine(temp["demo.mlpackage"], "Manifest.json")));
    }

    [Fact]
    public void DemoShowsTheFp16FailureNamesItsOriginAndRepairsIt()
    {
        using var temp = new TempFolder();
        var r = CliRunner.Run("demo", "-o", temp.Path);
        Assert.True(r.Exit == 0, r.Out + r.Err);
        Assert.Contains("FAIL: the FP16 package's probabilities are wrong", r.Out);
        Assert.Matches("Origin op: squares \\(mul\\) \\[ONNX node '/l2norm/Mul' \\(Mul\\)\\]", r.Out);
        Assert.Contains("PASS: the mixed package matches within FP16 tolerance.", r.Out);
        var plan = JsonNode.Parse(File.ReadAllText(temp["demo.auto.plan.json"]))!;
        Assert.Contains(plan["keepFp32"]!.AsArray(), e => (string?)e!["onnxNode"] == "/l2norm/Mul");
        var inspect = CliRunner.Run("inspect", temp["demo.auto.mlpackage"], "--json");
        Assert.True((int)JsonNode.Parse(inspect.Out)!["precision"]!["fp16Ops"]! >= 10);
        Assert.Equal(1, CliRunner.Run("compare", temp["demo.onnx"], temp["demo.fp16.mlpackage"], "--atol", "1e-2", "--rtol", "1e-2").Exit);
        Assert.Equal(0, CliRunner.Run("compare", temp["demo.onnx"], temp["demo.auto.mlpackage"], "--atol", "1e-2", "--rtol", "1e-2").Exit);
    }

    [Fact]
    public void ConformanceOnSharedNodeTestsWritesTheJsonSummary()
    {
        var node = SharedData.Path("onnx-backend-tests", "node");
        using var temp = new TempFolder();
        var r = CliRunner.Run("conformance", node, "--filter", "^test_(relu|softmax_axis_0|string_split_basic)$", "--json", temp["c.json"]);
        Assert.True(r.Exit == 0, r.Err);
        var json = JsonNode.Parse(File.ReadAllText(temp["c.json"]))!;
        Assert.Equal(3, (int)json["total"]!);
        Assert.Equal(2, (int)json["passed"]!);
        Assert.Equal(1, (int)json["unsupported"]!);
        Assert.Equal(0, (int)json["failed"]!);
        Assert.Equal(1, (int)json["byOp"]!["Relu"]!["passed"]!);
        Assert.Equal(1, (int)json["byOp"]!["StringSplit"]!["unsupported"]!);
    }
}
