using System.Text.Json;
using MilForge.CoreML.Package;
using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Numerics.Io;
using MilForge.Onnx.Building;

namespace MilForge.Cli.Tests;

/// <summary>
/// compare's Polygraphy vocabulary: per-output tolerances, statistic modes, --json and --report. The ONNX model
/// computes y = Relu(x) and logits = Abs(x) on x = [1..6]; the package adds known errors, so every statistic is
/// known: y is off by 0.5 at the last element only (an outlier), logits by 0.1 at x = 1 and 0.3 at x = 6.
/// </summary>
public sealed class CompareStatsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public CompareStatsTests() => WriteModelPackageAndInputs(_temp);

    /// <summary>Writes m.onnx, m.mlpackage (with the known errors) and inputs/x.npy into a folder.</summary>
    internal static void WriteModelPackageAndInputs(TempFolder temp)
    {
        var g = new OnnxGraphBuilder(13).Input("x", DataType.Float32, 2, 3).Output("y", DataType.Float32, 2, 3).Output("logits", DataType.Float32, 2, 3);
        g.Node("Relu", ["x"], ["y"], "/relu");
        g.Node("Abs", ["x"], ["logits"], "/abs");
        File.WriteAllBytes(temp["m.onnx"], g.ToBytes());
        WritePackage(temp["m.mlpackage"], [0, 0, 0, 0, 0, 0.5f], [0.1f, 0, 0, 0, 0, 0.3f]);
        Directory.CreateDirectory(temp["inputs"]);
        NpyFormat.Write(Path.Combine(temp["inputs"], "x.npy"), Tensor.Create(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3));
    }

    private string Model => _temp["m.onnx"];

    private string Package => _temp["m.mlpackage"];

    public void Dispose() => _temp.Dispose();

    private (int Exit, string Out, string Err) Compare(params string[] options) =>
        CliRunner.Run(["compare", Model, Package, "--inputs", _temp["inputs"], .. options]);

    [Fact]
    public void DefaultsAreTodaysElementwiseRuleWithAStatisticsLine()
    {
        var r = Compare();
        Assert.Equal(1, r.Exit);
        Assert.Contains("Tolerance: |candidate - reference| <= 0.0001 + 0.001*|reference|", r.Out);
        Assert.Contains("y: FAIL max abs 0.5, max rel 0.08333, mismatches 1/6", r.Out);
        Assert.Contains("abs err mean 0.0833 median 0 p99 0.475 max 0.5", r.Out);
        Assert.Contains("would pass with atol >= 0.494 (rtol as given) or rtol >= 0.0834 (atol as given)", r.Out); // (0.5 - 1e-4) / 6 = 0.08332, rounded up
        Assert.Contains("PSNR", r.Out);
        Assert.Contains("cosine", r.Out);
    }

    [Fact]
    public void PerOutputTolerancesOverrideTheDefault()
    {
        Assert.Equal(1, Compare("--atol", "1e-4", "--rtol", "logits:0.1").Exit); // y still fails
        var r = Compare("--atol", "1e-4", "--atol", "y:0.5", "--rtol", "logits:0.1");
        Assert.Equal(0, r.Exit);
        Assert.Contains("for y: |candidate - reference| <= 0.5 + 0.001*|reference|", r.Out);
        Assert.Contains("for logits: |candidate - reference| <= 0.0001 + 0.1*|reference|", r.Out);
    }

    [Fact]
    public void MedianModeIgnoresTheOutlier()
    {
        Assert.Equal(1, Compare("--atol", "logits:1").Exit);
        var r = Compare("--atol", "logits:1", "--check-error-stat", "y:median");
        Assert.Equal(0, r.Exit);
        Assert.Contains("median abs 0 <= atol 0.0001", r.Out);
    }

    [Fact]
    public void MeanModeComparesTheMeanError()
    {
        Assert.Equal(1, Compare("--atol", "logits:1", "--atol", "y:0.1").Exit); // 0.5 > 0.1 + 0.006
        Assert.Equal(0, Compare("--atol", "logits:1", "--atol", "y:0.1", "--check-error-stat", "y:mean").Exit); // mean 0.0833
        Assert.Equal(1, Compare("--atol", "logits:1", "--atol", "y:0.08", "--check-error-stat", "y:mean").Exit);
    }

    [Fact]
    public void MaxModeChecksAbsAndRelMaximaSeparately()
    {
        // Elementwise both logits errors pass (0.1 <= 0.1 + 0.05·1, 0.3 <= 0.1 + 0.05·6), but max abs 0.3 > 0.1 and max rel 0.1 > 0.05.
        string[] tolerances = ["--atol", "y:1", "--atol", "logits:0.1", "--rtol", "logits:0.05"];
        Assert.Equal(0, Compare(tolerances).Exit);
        var r = Compare([.. tolerances, "--check-error-stat", "logits:max"]);
        Assert.Equal(1, r.Exit);
        Assert.Contains("logits: FAIL", r.Out);
    }

    [Fact]
    public void QuantileModeUsesTheErrorQuantile()
    {
        // y's abs errors sorted: [0, 0, 0, 0, 0, 0.5]: the 0.99-quantile is 0.475, the 0.8-quantile 0.
        Assert.Equal(1, Compare("--atol", "logits:1", "--check-error-stat", "y:quantile").Exit);
        var r = Compare("--atol", "logits:1", "--check-error-stat", "y:quantile", "--error-quantile", "y:0.8");
        Assert.Equal(0, r.Exit);
        Assert.Contains("quantile 0.8 of |candidate - reference|", r.Out);
        Assert.Equal(0, Compare("--atol", "logits:1", "--check-error-stat", "quantile", "--error-quantile", "0.8").Exit);
    }

    [Fact]
    public void NewNonFiniteValuesExitTwoWhateverTheMode()
    {
        WritePackage(Package, [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], overflowY: true);
        var r = Compare("--check-error-stat", "median", "--atol", "1e9");
        Assert.Equal(2, r.Exit);
        Assert.Contains("6 NaN/Inf mismatch(es) fail in every mode", r.Out);
        Assert.Contains("no finite pairs to measure", r.Out);
        Assert.Equal(2, Compare("--check-error-stat", "y:quantile", "--error-quantile", "0").Exit);
    }

    [Fact]
    public void JsonHoldsTheVerdictAndEveryOutputsStatistics()
    {
        var path = _temp["c.json"];
        var r = Compare("--atol", "logits:1", "--check-error-stat", "y:mean", "--json", path);
        Assert.Equal(1, r.Exit);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        Assert.Equal("differ", root.GetProperty("verdict").GetString());
        Assert.Equal(1, root.GetProperty("exitCode").GetInt32());
        Assert.Contains("m.onnx", root.GetProperty("reference").GetString());
        Assert.Contains("m.mlpackage", root.GetProperty("candidate").GetString());
        Assert.StartsWith("fp32", root.GetProperty("precision").GetString());
        Assert.Equal("fp32-accumulate", root.GetProperty("accumulationPolicy").GetString());
        var outputs = root.GetProperty("outputs");
        Assert.Equal(2, outputs.GetArrayLength());
        var y = outputs[0];
        Assert.Equal("y", y.GetProperty("name").GetString());
        Assert.False(y.GetProperty("passed").GetBoolean());
        Assert.Equal([2, 3], y.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal("mean", y.GetProperty("mode").GetString());
        Assert.Equal(1e-4, y.GetProperty("atol").GetDouble());
        Assert.Equal(1e-3, y.GetProperty("rtol").GetDouble());
        Assert.Equal(1, y.GetProperty("mismatches").GetInt64());
        Assert.Equal(0.5 / 6, y.GetProperty("checked").GetProperty("abs").GetDouble(), 12);
        Assert.Equal(0.5 / 6, y.GetProperty("minAtol").GetDouble(), 12);
        Assert.Equal(0.5 / 6 / 6, y.GetProperty("minRtol").GetDouble(), 12);
        var stats = y.GetProperty("stats");
        Assert.Equal(0.5, stats.GetProperty("abs").GetProperty("max").GetDouble());
        Assert.Equal(0, stats.GetProperty("abs").GetProperty("median").GetDouble());
        Assert.Equal(0.475, stats.GetProperty("abs").GetProperty("p99").GetDouble(), 12);
        Assert.Equal(0.5 / 6, stats.GetProperty("rel").GetProperty("max").GetDouble(), 12);
        Assert.Equal(20 * Math.Log10(6 / Math.Sqrt(0.25 / 6)), y.GetProperty("psnr").GetDouble(), 9);
        Assert.InRange(y.GetProperty("cosine").GetDouble(), 0.99, 1);
        foreach (var field in new[] { "referenceNaN", "referenceInf", "candidateNaN", "candidateInf", "newNonFinite" })
        {
            Assert.Equal(0, y.GetProperty(field).GetInt64());
        }
        var logits = outputs[1];
        Assert.True(logits.GetProperty("passed").GetBoolean());
        Assert.Equal("elemwise", logits.GetProperty("mode").GetString());
        Assert.Equal(1, logits.GetProperty("atol").GetDouble());
    }

    [Fact]
    public void JsonWritesInfiniteValuesAsStrings()
    {
        var path = _temp["same.json"];
        WritePackage(Package, [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]);
        Assert.Equal(0, Compare("--json", path).Exit);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var y = json.RootElement.GetProperty("outputs")[0];
        Assert.Equal("pass", json.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("Infinity", y.GetProperty("psnr").GetString());
        Assert.Equal(0, y.GetProperty("minAtol").GetDouble());
    }

    [Fact]
    public void ReportIsASelfContainedHtmlPageWithEveryOutput()
    {
        var path = _temp["c.html"];
        var r = Compare("--report", path);
        Assert.Equal(1, r.Exit);
        Assert.Contains($"Wrote {path}", r.Out);
        var html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<td>y</td>", html);
        Assert.Contains("<td>logits</td>", html);
        Assert.Contains("data-verdict=\"differ\"", html);
        Assert.Contains("<svg class=\"histogram\"", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain(" src=", html);
    }

    [Theory]
    [InlineData("--atol", "abc")]
    [InlineData("--atol", "y:")]
    [InlineData("--atol", ":1e-3")]
    [InlineData("--rtol", "y:-1")]
    [InlineData("--rtol", "NaN")]
    [InlineData("--atol", "y:1e-3", "--atol", "y:1e-2")]
    [InlineData("--atol", "1e-3", "--atol", "1e-2")]
    [InlineData("--check-error-stat", "average")]
    [InlineData("--check-error-stat", "y:average")]
    [InlineData("--error-quantile", "1.5")]
    public void BadToleranceSyntaxIsExitThree(params string[] options)
    {
        var r = Compare(options);
        Assert.Equal(3, r.Exit);
        Assert.Contains("CLI6001", r.Err);
        Assert.Contains(options[0], r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void UnknownOutputNamesAreExitThree()
    {
        var r = Compare("--atol", "nosuch:1e-3", "--check-error-stat", "other:mean");
        Assert.Equal(3, r.Exit);
        Assert.Contains("CLI6001", r.Err);
        Assert.Contains("--atol nosuch", r.Err);
        Assert.Contains("--check-error-stat other", r.Err);
        Assert.Contains("'y', 'logits'", r.Err);
        Assert.DoesNotContain("Tolerance:", r.Out); // refused before the package runs
    }

    [Fact]
    public void OutputNamesMayContainColons()
    {
        var g = new OnnxGraphBuilder(13).Input("x", DataType.Float32, 2, 3).Output("y:0", DataType.Float32, 2, 3).Output("logits", DataType.Float32, 2, 3);
        g.Node("Relu", ["x"], ["y:0"], "/relu");
        g.Node("Abs", ["x"], ["logits"], "/abs");
        File.WriteAllBytes(Model, g.ToBytes());
        Assert.Equal(0, Compare("--atol", "y:0:0.5", "--atol", "logits:1").Exit);
    }

    internal static void WritePackage(string path, float[] yError, float[] logitsError, bool overflowY = false)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 2, 3));
        var b = new MilBuilder(program.Main.Body);
        var y = overflowY
            ? b.Single("mul", new() { { "x", b.Single("mul", new() { { "x", x }, { "y", 1e30f } }, "big") }, { "y", 1e30f } }, "y")
            : b.Single("add", new() { { "x", x }, { "y", Tensor.Create(yError, 2, 3) } }, "y");
        program.Main.Body.AddOutput(y);
        program.Main.Body.AddOutput(b.Single("add", new() { { "x", x }, { "y", Tensor.Create(logitsError, 2, 3) } }, "logits"));
        MlPackageWriter.Write(program, path);
    }
}
