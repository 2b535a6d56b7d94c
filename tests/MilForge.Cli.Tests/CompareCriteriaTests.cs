using System.Text.Json;

namespace MilForge.Cli.Tests;

/// <summary>
/// compare's task-level criteria on <see cref="CompareStatsTests"/>' model and package: y = [1..6] comes out as
/// [1, 2, 3, 4, 5, 6.5] (cosine 94/√(91·97.25) = 0.99922, PSNR 20·log10(6/√(0.25/6)) = 29.37 dB, rel-l2 0.5/√91 =
/// 0.0524), logits = [1..6] as [1.1, 2, 3, 4, 5, 6.3] (PSNR 33.35 dB). Both are [2, 3]: two rows of three classes.
/// </summary>
public sealed class CompareCriteriaTests : IDisposable
{
    private static readonly double YCosine = 94 / Math.Sqrt(91 * 97.25);
    private static readonly double YPsnr = 20 * Math.Log10(6 / Math.Sqrt(0.25 / 6));
    private static readonly double YRelL2 = 0.5 / Math.Sqrt(91);

    private readonly TempFolder _temp = new();

    public CompareCriteriaTests() => CompareStatsTests.WriteModelPackageAndInputs(_temp);

    private string Model => _temp["m.onnx"];

    private string Package => _temp["m.mlpackage"];

    public void Dispose() => _temp.Dispose();

    private (int Exit, string Out, string Err) Compare(params string[] options) =>
        CliRunner.Run(["compare", Model, Package, "--inputs", _temp["inputs"], .. options]);

    private JsonElement Json(string name, params string[] options)
    {
        var path = _temp[name];
        Compare([.. options, "--json", path]);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.Clone();
    }

    [Fact]
    public void CosineComparesTheSimilarityWithItsThreshold()
    {
        var r = Compare("--check-error-stat", "y:cosine", "--atol", "logits:1");
        Assert.Equal(1, r.Exit); // 0.99922 < 0.9999 (the default)
        Assert.Contains("for y: cosine similarity of candidate and reference (flattened) >= 0.9999", r.Out);
        Assert.Contains("y: FAIL", r.Out);
        Assert.Contains("decided by cosine 0.999223 < 0.9999", r.Out);
        var ok = Compare("--check-error-stat", "y:cosine", "--cosine", "y:0.999", "--atol", "logits:1");
        Assert.Equal(0, ok.Exit);
        Assert.Contains("decided by cosine 0.999223 >= 0.999", ok.Out);
        Assert.Contains("logits: ok   max abs 0.3", ok.Out);
        Assert.Contains("decided by elemwise mismatches 0 <= 0", ok.Out);
    }

    [Fact]
    public void PsnrComparesDecibelsWithBareAndPerOutputThresholds()
    {
        Assert.Equal(1, Compare("--check-error-stat", "psnr").Exit); // 29.4 and 33.4 dB < 40
        Assert.Equal(0, Compare("--check-error-stat", "psnr", "--psnr", "29").Exit);
        Assert.Equal(1, Compare("--check-error-stat", "psnr", "--psnr", "30").Exit); // y fails
        var r = Compare("--check-error-stat", "psnr", "--psnr", "30", "--psnr", "y:29");
        Assert.Equal(0, r.Exit);
        Assert.Contains("Tolerance: PSNR (peak = max |reference|) >= 30 dB", r.Out);
        Assert.Contains("decided by psnr 29.3651 >= 29", r.Out);
    }

    [Fact]
    public void RelL2JsonNamesTheCriterionItsValueAndThreshold()
    {
        var failing = Json("f.json", "--check-error-stat", "y:rel-l2", "--rel-l2", "y:0.05", "--atol", "logits:1");
        Assert.Equal(1, failing.GetProperty("exitCode").GetInt32());
        var root = Json("c.json", "--check-error-stat", "y:rel-l2", "--rel-l2", "y:0.06", "--atol", "logits:1");
        Assert.Equal(0, root.GetProperty("exitCode").GetInt32());
        var y = root.GetProperty("outputs")[0];
        Assert.Equal("rel-l2", y.GetProperty("mode").GetString());
        Assert.Equal(YRelL2, y.GetProperty("relL2").GetDouble(), 6);
        var criterion = y.GetProperty("criterion");
        Assert.Equal("rel-l2", criterion.GetProperty("name").GetString());
        Assert.Equal(YRelL2, criterion.GetProperty("measured").GetDouble(), 6);
        Assert.Equal("<=", criterion.GetProperty("relation").GetString());
        Assert.Equal(0.06, criterion.GetProperty("threshold").GetDouble());
        Assert.True(criterion.GetProperty("passed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, y.GetProperty("minAtol").ValueKind); // no atol/rtol decides in a criterion mode
        var logits = root.GetProperty("outputs")[1].GetProperty("criterion");
        Assert.Equal(("elemwise", 0.0, 0.0), (logits.GetProperty("name").GetString(), logits.GetProperty("measured").GetDouble(), logits.GetProperty("threshold").GetDouble()));
        Assert.Equal(YCosine, root.GetProperty("outputs")[0].GetProperty("cosine").GetDouble(), 6);
        Assert.Equal(YPsnr, root.GetProperty("outputs")[0].GetProperty("psnr").GetDouble(), 6);
    }

    [Fact]
    public void TopKChecksTheArgmaxOfEveryRow()
    {
        // logits row 0 [1, 2, 3] becomes [1, 3.5, 3]: argmax class 1, the reference's second; row 1 keeps class 2.
        CompareStatsTests.WritePackage(Package, [0, 0, 0, 0, 0, 0], [0, 1.5f, 0, 0, 0, 0]);
        var r = Compare("--check-error-stat", "logits:topk:1", "--atol", "logits:2");
        Assert.Equal(1, r.Exit); // elementwise it would pass; top-1 agrees in one row of two
        Assert.Contains("for logits: candidate's top-1 within the reference's top-1 along the last axis in >= 100% of the rows", r.Out);
        Assert.Contains("decided by topk:1 0.5 < 1", r.Out);
        Assert.Equal(0, Compare("--check-error-stat", "logits:topk:2").Exit);
        Assert.Equal(0, Compare("--check-error-stat", "logits:topk", "--topk-agreement", "logits:0.5").Exit);
        var logits = Json("t.json", "--check-error-stat", "logits:topk:2").GetProperty("outputs")[1];
        Assert.Equal("topk", logits.GetProperty("mode").GetString());
        Assert.Equal(2, logits.GetProperty("k").GetInt32());
        Assert.Equal("topk:2", logits.GetProperty("criterion").GetProperty("name").GetString());
        Assert.Equal(1, logits.GetProperty("criterion").GetProperty("measured").GetDouble());
        Assert.Equal(">=", logits.GetProperty("criterion").GetProperty("relation").GetString());
    }

    [Fact]
    public void NonFiniteValuesStillExitTwoUnderEveryCriterion()
    {
        CompareStatsTests.WritePackage(Package, [0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], overflowY: true);
        // Each with the most lenient threshold: y's Inf still fails.
        foreach (var (mode, threshold) in new[] { ("cosine", "--cosine=-1"), ("psnr", "--psnr=-1000"), ("rel-l2", "--rel-l2=1e9"), ("topk:3", "--topk-agreement=0") })
        {
            var r = Compare("--check-error-stat", mode, threshold);
            Assert.Equal(2, r.Exit);
            Assert.Contains("decided by nonfinite mismatches 6 > 0", r.Out);
        }
    }

    [Fact]
    public void ReportShowsWhatDecidedEachOutput()
    {
        var path = _temp["c.html"];
        Assert.Equal(1, Compare("--check-error-stat", "y:cosine", "--report", path).Exit);
        var html = File.ReadAllText(path);
        Assert.Contains("<th>decided by</th>", html);
        Assert.Contains("<td>cosine 0.999223 &lt; 0.9999</td>", html);
        Assert.Contains("<td>elemwise mismatches 2 &gt; 0</td>", html);
    }

    [Theory]
    [InlineData("--cosine", "0.99")] // no output is checked with cosine
    [InlineData("--psnr", "y:30")] // y is elemwise
    [InlineData("--check-error-stat", "topk:0")]
    [InlineData("--check-error-stat", "logits:topk:x")]
    [InlineData("--check-error-stat", "rell2")]
    [InlineData("--check-error-stat", "cosine", "--cosine", "1.5")]
    [InlineData("--check-error-stat", "topk", "--topk-agreement", "2")]
    [InlineData("--check-error-stat", "rel-l2", "--rel-l2", "-1")]
    public void BadOrUnusedCriteriaAreExitThree(params string[] options)
    {
        var r = Compare(options);
        Assert.Equal(3, r.Exit);
        Assert.Contains("CLI6001", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }
}
