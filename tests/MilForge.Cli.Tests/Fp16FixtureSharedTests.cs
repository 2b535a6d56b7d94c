using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MilForge.CoreML.Package;
using MilForge.Mil.Passes.Fp16;

namespace MilForge.Cli.Tests;

/// <summary>The FP16 acceptance path on the coremltools fixtures (default conversion = FP16, as coremltools).</summary>
public partial class Fp16FixtureSharedTests
{
    private static string Fixture(string name) => SharedData.Path("fixtures", "coremltools", name);

    private static (TempFolder Temp, string Package, (int Exit, string Out, string Err) Convert) ConvertFp16(string fixture, params string[] extra)
    {
        var temp = new TempFolder();
        var package = temp["fp16.mlpackage"];
        var convert = CliRunner.Run(["convert", Path.Combine(Fixture(fixture), "model.onnx"), "-o", package, .. extra]);
        Assert.True(convert.Exit == 0, convert.Err);
        return (temp, package, convert);
    }

    private static (int Exit, string Out, string Err) Compare(string fixture, string package, string tolerance) =>
        CliRunner.Run("compare", Path.Combine(Fixture(fixture), "model.onnx"), package, "--inputs",
            Path.Combine(Fixture(fixture), "test_data_set_0"), "--atol", tolerance, "--rtol", tolerance);

    [Fact]
    public void OverflowBecomesNaNInFp16AndCompareExitsTwo()
    {
        var (temp, package, _) = ConvertFp16("overflow");
        using (temp)
        {
            var run = CliRunner.Run("run", package, "-o", temp["out"], "--inputs", Path.Combine(Fixture("overflow"), "test_data_set_0"));
            Assert.Equal(0, run.Exit);
            Assert.Matches("NaN [1-9]", run.Out);
            var compare = Compare("overflow", package, "1e-2");
            Assert.Equal(2, compare.Exit);
            Assert.Contains("precision found: fp16", compare.Out);
            Assert.Contains("fp32-accumulate", compare.Out);
        }
    }

    [Fact]
    public void OverflowInFp32MatchesPyTorch()
    {
        var (temp, package, _) = ConvertFp16("overflow", "--precision", "fp32");
        using (temp)
        {
            Assert.Equal(0, Compare("overflow", package, "1e-4").Exit);
        }
    }

    [Fact]
    public void AnOverflowingWeightIsNamedAndItsOpKeptInFp32()
    {
        var reportPath = Path.Combine(Path.GetTempPath(), $"milforge-report-{Guid.NewGuid():N}.json");
        var (temp, package, convert) = ConvertFp16("weights_overflow", "--json", reportPath);
        using (temp)
        {
            Assert.Contains("MIL2101", convert.Err);
            Assert.Contains("'fc1.weight'", convert.Err);
            Assert.Contains("75000", convert.Err);
            Assert.Equal(0, Compare("weights_overflow", package, "1e-2").Exit);
            var report = JsonNode.Parse(File.ReadAllText(reportPath))!;
            var overflow = report["weightOverflow"]![0]!;
            Assert.Equal("fc1.weight", (string?)overflow["origin"]!["onnxNode"]);
            Assert.Contains("kept in FP32", (string?)overflow["action"]);
            Assert.Equal(1, (int)report["ops"]!["fp32"]!);
            File.Delete(reportPath);
        }
    }

    [Fact]
    public void TheMaskSentinelSaturatesAndStaysFinite()
    {
        var (temp, package, convert) = ConvertFp16("mask_sentinel");
        using (temp)
        {
            Assert.Contains("saturated to ±65504", convert.Err);
            var compare = Compare("mask_sentinel", package, "1e-2");
            Assert.True(compare.Exit == 0, compare.Out);
            Assert.DoesNotContain("NaN/Inf candidate", compare.Out);
        }
    }

    [Theory]
    [InlineData("mlp", "1e-2")]
    [InlineData("cnn", "1e-2")]
    [InlineData("transformer_encoder", "1e-2")]
    [InlineData("mobilenet_v2", "5e-2")]
    public void Fp16PackagesMatchOnnxRuntime(string fixture, string tolerance)
    {
        var (temp, package, _) = ConvertFp16(fixture);
        using (temp)
        {
            var compare = Compare(fixture, package, tolerance);
            Assert.True(compare.Exit == 0, compare.Out);
            Assert.Contains("precision found: fp16", compare.Out);
        }
    }

    /// <summary>
    /// Casts sit where coremltools puts them: as many casts, and the same number of ops left in FP32, as in each
    /// fixture's fp16 program (our programs decompose some ops coremltools fuses, so other op counts differ).
    /// </summary>
    [Theory]
    [InlineData("mlp", "fp16.mil.txt")]
    [InlineData("mlp", "fp16_ios15.mil.txt", "--target", "iOS15")]
    [InlineData("cnn", "fp16.mil.txt")]
    [InlineData("overflow", "fp16.mil.txt")]
    [InlineData("weights_overflow", "fp16.mil.txt")]
    [InlineData("mask_sentinel", "fp16.mil.txt")]
    [InlineData("transformer_encoder", "fp16.mil.txt")]
    [InlineData("mobilenet_v2", "fp16.mil.txt")]
    public void CastsMatchCoremltools(string fixture, string milText, params string[] extra)
    {
        var (temp, package, _) = ConvertFp16(fixture, extra);
        using (temp)
        {
            var ours = PrecisionSummary.Of(MlPackageReader.Read(package).Program);
            var theirs = File.ReadAllLines(Path.Combine(Fixture(fixture), milText)).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)).ToList();
            var theirCasts = theirs.Count(l => l.Contains("= cast(", StringComparison.Ordinal));
            var theirFp32Ops = theirs.Count(l => Fp32Op().IsMatch(l) && !l.Contains("= cast(", StringComparison.Ordinal));
            Assert.Equal(theirCasts, ours.Casts);
            Assert.Equal(theirFp32Ops, ours.Fp32Ops);
        }
    }

    [GeneratedRegex(@"^\s+%\S+: \([^)]*fp32\)\(Tensor\) = ")]
    private static partial Regex Fp32Op();
}
