using System.Text.Json;
using MilForge.Numerics.Io;
using MilForge.Onnx.Building;

namespace MilForge.Cli.Tests;

/// <summary>
/// debug-precision and convert --precision auto take compare's tolerance options. y = (x + 1000) − 1000 on
/// x = [500, 600, 700, 800, 0.3]: in FP16 the 0.3 comes out as 0.5 (fails elementwise 1e-2), the rest exactly, so the
/// cosine similarity stays above 0.9999.
/// </summary>
public sealed class PrecisionCriteriaCommandsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public PrecisionCriteriaCommandsTests()
    {
        var g = new OnnxGraphBuilder(13).Input("x", DataType.Float32, 1, 5).Output("y", DataType.Float32, 1, 5)
            .Initializer("c", Tensor.Scalar(1000f));
        g.Node("Add", ["x", "c"], ["shifted"], "/shift");
        g.Node("Sub", ["shifted", "c"], ["y"], "/unshift");
        File.WriteAllBytes(Model, g.ToBytes());
        Directory.CreateDirectory(Inputs);
        NpyFormat.Write(Path.Combine(Inputs, "x.npy"), Tensor.Create(new float[] { 500, 600, 700, 800, 0.3f }, 1, 5));
    }

    private string Model => _temp["m.onnx"];

    private string Inputs => _temp["inputs"];

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void DebugPrecisionJudgesTheFp16RunByTheCriterion()
    {
        var elementwise = CliRunner.Run("debug-precision", Model, "--inputs", Inputs);
        Assert.Equal(1, elementwise.Exit);
        Assert.Contains("output y: differs", elementwise.Out);
        Assert.Contains("decided by elemwise mismatches 1 > 0", elementwise.Out);
        var cosine = CliRunner.Run("debug-precision", Model, "--inputs", Inputs, "--check-error-stat", "y:cosine");
        Assert.Equal(0, cosine.Exit);
        Assert.Contains("output y: ok", cosine.Out);
        Assert.Contains("decided by cosine 1 >= 0.9999", cosine.Out);
        var json = _temp["d.json"];
        Assert.Equal(0, CliRunner.Run("debug-precision", Model, "--inputs", Inputs, "--check-error-stat", "cosine", "--json", json).Exit);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var y = doc.RootElement.GetProperty("outputs")[0];
        Assert.True(y.GetProperty("passed").GetBoolean());
        Assert.Equal("cosine", y.GetProperty("criterion").GetProperty("name").GetString());
    }

    [Fact]
    public void AutoKeepsEverythingInFp16UnderCosineAndReportsTheCriterion()
    {
        var json = _temp["a.json"];
        var r = CliRunner.Run("convert", Model, "-o", _temp["a.mlpackage"], "--precision", "auto", "--inputs", Inputs, "--check-error-stat", "cosine", "--json", json);
        Assert.Equal(0, r.Exit);
        Assert.Contains("outputs held to: cosine >= 0.9999", r.Out);
        Assert.Contains("Mixed precision: 0 op(s) kept in FP32, 100.0% of ops", r.Out.Replace(" %", "%", StringComparison.Ordinal));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var auto = doc.RootElement.GetProperty("auto");
        var criterion = auto.GetProperty("criteria")[0];
        Assert.Equal(("y", "cosine", ">=", 0.9999), (criterion.GetProperty("output").GetString(), criterion.GetProperty("mode").GetString(),
            criterion.GetProperty("relation").GetString(), criterion.GetProperty("threshold").GetDouble()));
        Assert.Equal(1, auto.GetProperty("search").GetProperty("opsFp16Share").GetDouble());

        var strict = CliRunner.Run("convert", Model, "-o", _temp["s.mlpackage"], "--precision", "auto", "--inputs", Inputs, "--json", json);
        Assert.Equal(0, strict.Exit);
        using var strictDoc = JsonDocument.Parse(File.ReadAllText(json));
        var strictAuto = strictDoc.RootElement.GetProperty("auto");
        Assert.Equal("elemwise", strictAuto.GetProperty("criteria")[0].GetProperty("mode").GetString());
        Assert.Equal(0.01, strictAuto.GetProperty("criteria")[0].GetProperty("atol").GetDouble());
        Assert.True(strictAuto.GetProperty("search").GetProperty("opsFp16Share").GetDouble() < 1);
    }

    [Theory]
    [InlineData("convert", "--precision", "fp16", "--check-error-stat", "cosine")] // tolerance options are auto-only
    [InlineData("convert", "--precision", "auto", "--cosine", "nosuch:0.9")]
    [InlineData("debug-precision", "--check-error-stat", "nosuch:cosine")]
    [InlineData("debug-precision", "--psnr", "30")]
    public void BadCriteriaAreExitThree(string verb, params string[] options)
    {
        string[] args = verb == "convert" ? [verb, Model, "-o", _temp["b.mlpackage"], "--inputs", Inputs, .. options] : [verb, Model, "--inputs", Inputs, .. options];
        var r = CliRunner.Run(args);
        Assert.Equal(3, r.Exit);
        Assert.Contains("CLI6001", r.Err);
    }
}
