using System.Text.Json.Nodes;
using MilForge.Onnx.Building;

namespace MilForge.Cli.Tests;

/// <summary>
/// <c>debug-precision MODEL --static</c> on a model built in code: y = softmax(relu(x·W + b)² · s). With x in [-1, 1]
/// every bound fits FP16 (exit 0); with x in [0, 255] the square passes 65504 and is named with its ONNX node (exit 2);
/// without a range the default is used and said to be assumed.
/// </summary>
public class StaticBoundsCommandTests
{
    private static string Model(TempFolder temp, float scale = 1)
    {
        var g = new OnnxGraphBuilder(13).Input("x", DataType.Float32, 2, 8).Output("y", DataType.Float32, 2, 4);
        g.Initializer("W", Tensor.Create(Enumerable.Range(0, 32).Select(i => ((i * 7 % 11) - 5) * 0.1f).ToArray(), 8, 4));
        g.Initializer("b", Tensor.Create([0.1f, -0.2f, 0.3f, 0f], 4));
        g.Initializer("s", Tensor.Create([scale], 1));
        g.Node("MatMul", ["x", "W"], ["xw"], "/proj/MatMul");
        g.Node("Add", ["xw", "b"], ["h"], "/proj/Add");
        g.Node("Relu", ["h"], ["a"], "/Relu");
        g.Node("Mul", ["a", "a"], ["sq"], "/Square");
        g.Node("Mul", ["sq", "s"], ["scaled"], "/Scale");
        g.Node("Softmax", ["scaled"], ["y"], "/Softmax").Attr("axis", -1L);
        var path = temp["m.onnx"];
        File.WriteAllBytes(path, g.ToBytes());
        return path;
    }

    [Fact]
    public void WithinTheRangeEveryBoundFitsAndTheExitIsZero()
    {
        using var temp = new TempFolder();
        var run = CliRunner.Run("debug-precision", Model(temp), "--static", "--input-range", "x:-1,1", "--json", temp["s.json"]);
        Assert.True(run.Exit == 0, run.Out + run.Err);
        Assert.Contains("No FP16 risk", run.Out);
        Assert.Contains("every bound is proven", run.Out);
        Assert.DoesNotContain("ASSUMED", run.Out);
        var json = JsonNode.Parse(File.ReadAllText(temp["s.json"]))!;
        Assert.Equal("static", (string?)json["mode"]);
        Assert.Empty(json["findings"]!.AsArray());
        Assert.True((bool)json["allProven"]!);
        Assert.False((bool)json["inputs"]![0]!["assumed"]!);
        Assert.Contains(json["ops"]!.AsArray(), o => (string?)o!["onnxNode"] == "/Square" && (double)o["low"]! == 0);
    }

    [Fact]
    public void AWideRangeNamesTheSquareWithItsOnnxNodeAndExitsTwo()
    {
        using var temp = new TempFolder();
        var run = CliRunner.Run("debug-precision", Model(temp), "--static", "--input-range", "x:0,255", "--json", temp["s.json"], "--report", temp["s.html"]);
        Assert.True(run.Exit == 2, run.Out + run.Err);
        Assert.Contains("overflow", run.Out);
        Assert.Contains("/Square", run.Out);
        var findings = JsonNode.Parse(File.ReadAllText(temp["s.json"]))!["findings"]!.AsArray();
        var first = findings.First(f => (string?)f!["risk"] == "overflow")!;
        Assert.Equal("/Square", (string?)first["onnxNode"]);
        Assert.Equal("proven", (string?)first["kind"]);
        Assert.True((double)first["high"]! > 65504);
        Assert.DoesNotContain(findings, f => (string?)f!["onnxNode"] == "/Softmax");
        Assert.Contains("/Square", File.ReadAllText(temp["s.html"]));
    }

    [Fact]
    public void TinyValuesExitOneAndAMissingRangeIsSaidToBeAssumed()
    {
        using var temp = new TempFolder();
        var run = CliRunner.Run("debug-precision", Model(temp, 1e-6f), "--static");
        Assert.True(run.Exit == 1, run.Out + run.Err);
        Assert.Contains("ASSUMED", run.Out);
        Assert.Contains("subnormal", run.Out);
    }

    [Fact]
    public void StaticWithASearchIsAUsageError()
    {
        using var temp = new TempFolder();
        var run = CliRunner.Run("debug-precision", Model(temp), "--static", "-o", temp["fixed.mlpackage"]);
        Assert.Equal(3, run.Exit);
        Assert.Contains("--static", run.Err);
    }

    [Fact]
    public void ARangeForAnUnknownInputIsRejected()
    {
        using var temp = new TempFolder();
        var run = CliRunner.Run("debug-precision", Model(temp), "--static", "--input-range", "z:0,1");
        Assert.Equal(3, run.Exit);
        Assert.Contains("'z' is not an input", run.Err);
    }
}
