using System.Text.Json;
using MilForge.Numerics.Io;

namespace MilForge.Cli.Tests;

/// <summary>The global options (--quiet, --verbose), --json - on every verb, and the input-cast warning.</summary>
public class TerminalOptionsTests
{
    [Fact]
    public void QuietSilencesWarningsAndTextButKeepsTheExitCode()
    {
        using var temp = new TempFolder();
        var model = OutputSafetyTests.ReluModel(temp);
        var loud = CliRunner.Run("convert", model, "-o", temp["a.mlpackage"], "--fp32-ops", "nosuchop");
        Assert.Equal(0, loud.Exit);
        Assert.Contains("warning ", loud.Err);
        Assert.Contains("Converted", loud.Out);

        var quiet = CliRunner.Run("convert", model, "-o", temp["b.mlpackage"], "--fp32-ops", "nosuchop", "-q");
        Assert.True(quiet.Exit == 0, quiet.Err);
        Assert.Equal("", quiet.Out);
        Assert.Equal("", quiet.Err);
        Assert.True(Directory.Exists(temp["b.mlpackage"]));
    }

    [Fact]
    public void QuietKeepsErrors()
    {
        using var temp = new TempFolder();
        var r = CliRunner.Run("--quiet", "convert", temp["missing.onnx"], "-o", temp["a.mlpackage"]);
        Assert.Equal(3, r.Exit);
        Assert.Equal("", r.Out);
        Assert.Matches(@"^error [A-Z]{3,4}\d{4}: ", r.Err);
    }

    [Fact]
    public void VerboseTimesTheConvertPhasesAndDefaultDoesNot()
    {
        using var temp = new TempFolder();
        var model = OutputSafetyTests.ReluModel(temp);
        var verbose = CliRunner.Run("convert", model, "-o", temp["a.mlpackage"], "--verbose");
        Assert.True(verbose.Exit == 0, verbose.Err);
        foreach (var phase in new[] { "read", "import and passes", "write" })
        {
            Assert.Contains($"time {phase}: ", verbose.Out);
        }
        var plain = CliRunner.Run("convert", model, "-o", temp["b.mlpackage"]);
        Assert.DoesNotContain("time read", plain.Out);
    }

    [Fact]
    public void VerboseShowsInfoDiagnosticsAndQuietDropsThem()
    {
        using var temp = new TempFolder();
        var model = OutputSafetyTests.ReluModel(temp);
        // A bare inspect --json is deprecated: a warning line on stderr that --quiet drops.
        var verbose = CliRunner.Run("inspect", model, "--json", "--verbose");
        Assert.Contains("warning CLI", verbose.Err);
        var quiet = CliRunner.Run("inspect", model, "--json", "-q");
        Assert.Equal("", quiet.Err);
        JsonDocument.Parse(quiet.Out);
    }

    [Fact]
    public void InspectBareJsonStillPrintsJsonOnStdoutWithADeprecationNote()
    {
        using var temp = new TempFolder();
        var model = OutputSafetyTests.ReluModel(temp);
        var r = CliRunner.Run("inspect", model, "--json");
        Assert.Equal(0, r.Exit);
        Assert.Equal("onnx", JsonDocument.Parse(r.Out).RootElement.GetProperty("format").GetProperty("kind").GetString());
        Assert.Contains("deprecated", r.Err);
        var file = CliRunner.Run("inspect", model, "--json", temp["i.json"]);
        Assert.Equal(0, file.Exit);
        Assert.DoesNotContain("deprecated", file.Err);
        JsonDocument.Parse(File.ReadAllText(temp["i.json"]));
    }

    public static TheoryData<string> Verbs() => ["convert", "run", "compare", "debug-precision", "inspect", "conformance"];

    [Theory]
    [MemberData(nameof(Verbs))]
    public void JsonDashPrintsOnlyParseableJsonOnStdout(string verb)
    {
        using var temp = new TempFolder();
        var model = OutputSafetyTests.ReluModel(temp);
        Assert.Equal(0, CliRunner.Run("convert", model, "-o", temp["m.mlpackage"]).Exit);
        Directory.CreateDirectory(temp["tests"]);
        string[] args = verb switch
        {
            "convert" => ["convert", model, "-o", temp["c.mlpackage"]],
            "run" => ["run", model, "-o", temp["out"]],
            "compare" => ["compare", model, temp["m.mlpackage"]],
            "debug-precision" => ["debug-precision", model, "--samples", "1"],
            "inspect" => ["inspect", model],
            _ => ["conformance", temp["tests"]],
        };
        var r = CliRunner.Run([.. args, "--json", "-"]);
        Assert.True(r.Exit == 0, r.Err);
        var json = JsonDocument.Parse(r.Out).RootElement;
        Assert.Equal(JsonValueKind.Object, json.ValueKind);
        Assert.False(File.Exists(temp["-"]));
        Assert.False(File.Exists("-"));
    }

    [Fact]
    public void RunJsonSummarizesOutputsAndFiles()
    {
        using var temp = new TempFolder();
        var model = OutputSafetyTests.ReluModel(temp);
        var r = CliRunner.Run("run", model, "-o", temp["out"], "--json", temp["r.json"]);
        Assert.True(r.Exit == 0, r.Err);
        var sample = JsonDocument.Parse(File.ReadAllText(temp["r.json"])).RootElement.GetProperty("samples")[0];
        var output = sample.GetProperty("outputs")[0];
        Assert.Equal("y", output.GetProperty("name").GetString());
        Assert.Equal(2, output.GetProperty("shape").GetArrayLength());
        Assert.True(output.GetProperty("min").GetDouble() >= 0);
        Assert.Equal(0, output.GetProperty("nan").GetInt32());
        Assert.All(sample.GetProperty("files").EnumerateArray(), f => Assert.True(File.Exists(f.GetString())));
        Assert.Contains("Wrote " + temp["r.json"], r.Out);
    }

    [Fact]
    public void DemoJsonDashGivesTheStepsVerdicts()
    {
        using var temp = new TempFolder();
        var r = CliRunner.Run("demo", "--dir", temp["demo"], "--json", "-");
        Assert.True(r.Exit == 0, r.Err);
        var json = JsonDocument.Parse(r.Out).RootElement;
        Assert.True(json.GetProperty("passed").GetBoolean());
        Assert.Equal(7, json.GetProperty("steps").GetArrayLength());
        Assert.Contains("Step 1.", r.Err);
    }

    [Fact]
    public void NoProgressIsDrawnWhenStdoutIsNotATerminal()
    {
        using var temp = new TempFolder();
        var model = OutputSafetyTests.ReluModel(temp);
        Directory.CreateDirectory(temp["tests"]);
        foreach (var r in new[] { CliRunner.Run("convert", model, "-o", temp["a.mlpackage"]), CliRunner.Run("conformance", temp["tests"]) })
        {
            Assert.Equal(0, r.Exit);
            Assert.DoesNotContain('\u001b', r.Out + r.Err);
        }
    }

    [Fact]
    public void AnInputCastIsCountedPerInput()
    {
        using var temp = new TempFolder();
        var model = OutputSafetyTests.ReluModel(temp);
        Directory.CreateDirectory(temp["in"]);
        using (var stream = File.Create(temp["in/x.npy"]))
        {
            // 16777217 and 33554435 are not binary32 numbers: the cast to fp32 changes those two of six.
            NpyFormat.Write(stream, Tensor.FromLongs([1, 2, 3, 16777217, -5, 33554435], [2, 3], DataType.Int64));
        }
        var r = CliRunner.Run("run", model, "-o", temp["out"], "--inputs", temp["in"], "--precision", "fp32");
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("input 'x' is int64, the model declares fp32: cast int64 → fp32 changes 2 of 6 value(s)", r.Err);
        var quiet = CliRunner.Run("run", model, "-o", temp["out2"], "--inputs", temp["in"], "--precision", "fp32", "-q");
        Assert.Equal("", quiet.Err);
    }
}
