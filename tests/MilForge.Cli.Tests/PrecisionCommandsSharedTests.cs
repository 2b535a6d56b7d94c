using System.Text.Json.Nodes;
using MilForge.CoreML.Package;
using MilForge.Mil.Text;

namespace MilForge.Cli.Tests;

/// <summary>
/// <c>debug-precision</c> and <c>convert --precision auto</c> on the coremltools overflow fixture (x·x beyond 65504
/// in <c>/Mul_1</c>), and the precision-selection options of <c>convert</c>.
/// </summary>
public class PrecisionCommandsSharedTests
{
    private static string Fixture => SharedData.Path("fixtures", "coremltools", "overflow");

    private static string Model => Path.Combine(Fixture, "model.onnx");

    private static string Inputs => Path.Combine(Fixture, "test_data_set_0");

    private static JsonNode Inspect(string package)
    {
        var inspect = CliRunner.Run("inspect", package, "--json");
        Assert.True(inspect.Exit == 0, inspect.Err);
        return JsonNode.Parse(inspect.Out)!;
    }

    private static int CompareExit(string package) =>
        CliRunner.Run("compare", Model, package, "--inputs", Inputs, "--atol", "1e-2", "--rtol", "1e-2").Exit;

    [Fact]
    public void DebugPrecisionNamesTheSquareAndExitsTwo()
    {
        using var temp = new TempFolder();
        var run = CliRunner.Run("debug-precision", Model, "--inputs", Inputs, "--json", temp["d.json"], "--report", temp["d.html"]);
        Assert.True(run.Exit == 2, run.Out + run.Err);
        var json = JsonNode.Parse(File.ReadAllText(temp["d.json"]))!;
        var origins = json["originOps"]!.AsArray();
        Assert.Contains(origins, o => (string?)o!["onnxNode"] == "/Mul_1");
        Assert.True((bool)json["fp16ProducesNonFinite"]!);
        var ops = json["ops"]!.AsArray();
        Assert.True(ops.Count >= 5);
        var square = ops.Single(o => (string?)o!["onnxNode"] == "/Mul_1")!;
        Assert.True((double)square["absMax"]! > 65504);
        Assert.True((double)square["headroom"]! < 0);
        Assert.Contains("/Mul_1", File.ReadAllText(temp["d.html"]));
    }

    [Fact]
    public void DebugPrecisionWithOutputWritesAPackageThatPasses()
    {
        using var temp = new TempFolder();
        var run = CliRunner.Run("debug-precision", Model, "--inputs", Inputs, "-o", temp["fixed.mlpackage"]);
        Assert.True(run.Exit == 2, run.Out + run.Err);
        Assert.Equal(0, CompareExit(temp["fixed.mlpackage"]));
        Assert.True(File.Exists(temp["fixed.plan.json"]));
    }

    [Fact]
    public void DebugPrecisionOnTheCoremltoolsFp16PackageFindsTheSameOp()
    {
        using var temp = new TempFolder();
        var run = CliRunner.Run("debug-precision", Path.Combine(Fixture, "fp16.mlpackage"), "--inputs", Inputs, "--json", temp["d.json"], "-o", temp["fixed.mlpackage"]);
        Assert.True(run.Exit == 2, run.Out + run.Err);
        var origins = JsonNode.Parse(File.ReadAllText(temp["d.json"]))!["originOps"]!.AsArray();
        var origin = Assert.Single(origins)!;
        Assert.Equal("mul", (string?)origin["opType"]);
        Assert.Equal(0, CompareExit(temp["fixed.mlpackage"]));
    }

    [Fact]
    public void DebugPrecisionOnOurOwnFp16PackageNamesTheOnnxNode()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, CliRunner.Run("convert", Model, "-o", temp["fp16.mlpackage"]).Exit);
        var run = CliRunner.Run("debug-precision", temp["fp16.mlpackage"], "--inputs", Inputs, "--json", temp["d.json"]);
        Assert.True(run.Exit == 2, run.Out + run.Err);
        var origins = JsonNode.Parse(File.ReadAllText(temp["d.json"]))!["originOps"]!.AsArray();
        Assert.Equal("/Mul_1", (string?)Assert.Single(origins)!["onnxNode"]);
    }

    [Fact]
    public void AutoPrecisionKeepsOpsInFp16AndPasses()
    {
        using var temp = new TempFolder();
        var convert = CliRunner.Run("convert", Model, "-o", temp["auto.mlpackage"], "--precision", "auto", "--inputs", Inputs,
            "--json", temp["auto.json"], "--report", temp["auto.html"]);
        Assert.True(convert.Exit == 0, convert.Out + convert.Err);
        Assert.Contains("verified", convert.Out);
        Assert.Equal(0, CompareExit(temp["auto.mlpackage"]));
        Assert.True((int)Inspect(temp["auto.mlpackage"])["precision"]!["fp16Ops"]! > 0);

        var plan = JsonNode.Parse(File.ReadAllText(temp["auto.plan.json"]))!;
        Assert.Equal("milforge-precision-plan", (string?)plan["format"]);
        Assert.Contains(plan["keepFp32"]!.AsArray(), e => (string?)e!["onnxNode"] == "/Mul_1");

        var report = JsonNode.Parse(File.ReadAllText(temp["auto.json"]))!;
        Assert.Equal("auto", (string?)report["precision"]);
        var search = report["auto"]!["search"]!;
        var kept = search["keptFp32"]!.AsArray().Count;
        var candidates = 5; // linear, mul, mul, reduce_sum, real_div
        Assert.True((int)search["evaluations"]! <= (kept * Math.Log2(candidates)) + 2, report.ToJsonString());
        Assert.True((bool)search["verified"]!);
        Assert.True((double)search["opsFp16Share"]! > 0);
        Assert.All(search["keptFp32"]!.AsArray(), k => Assert.False(string.IsNullOrEmpty((string?)k!["evidence"])));
        Assert.Contains("/Mul_1", File.ReadAllText(temp["auto.html"]));
    }

    [Fact]
    public void ThePlanReproducesTheAutoProgram()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, CliRunner.Run("convert", Model, "-o", temp["auto.mlpackage"], "--precision", "auto", "--inputs", Inputs).Exit);
        var replay = CliRunner.Run("convert", Model, "-o", temp["plan.mlpackage"], "--precision-plan", temp["auto.plan.json"]);
        Assert.True(replay.Exit == 0, replay.Err);
        static string Mil(string package) => new MilPrinter().Print(MlPackageReader.Read(package).Program);
        Assert.Equal(Mil(temp["auto.mlpackage"]), Mil(temp["plan.mlpackage"]));
    }

    [Fact]
    public void Fp32OpsByOnnxNameAndTypeKeepThoseOps()
    {
        using var temp = new TempFolder();
        var convert = CliRunner.Run("convert", Model, "-o", temp["m.mlpackage"], "--fp32-ops", "/Mul_1,ReduceSum,Div,NoSuchOp*");
        Assert.True(convert.Exit == 0, convert.Err);
        Assert.Contains("'NoSuchOp*' matches no op", convert.Err);
        var precision = Inspect(temp["m.mlpackage"])["precision"]!;
        Assert.Equal(3, (int)precision["fp32Ops"]!);
        Assert.True((int)precision["fp16Ops"]! > 0);
        Assert.Equal(0, CompareExit(temp["m.mlpackage"]));
    }

    [Fact]
    public void AHandWrittenPlanByOnnxNodeKeepsThatNodeAndWarnsAboutStrangers()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["plan.json"], """
            { "format": "milforge-precision-plan", "version": 1, "keepFp32": [
              { "onnxNode": "/Mul_1" }, { "onnxNode": "/ReduceSum" }, { "onnxNode": "/Div" },
              { "milOp": "renamed_in_another_version", "onnxNode": "/Mul_1" },
              { "onnxNode": "/not/in/this/model" } ] }
            """);
        var convert = CliRunner.Run("convert", Model, "-o", temp["m.mlpackage"], "--precision-plan", temp["plan.json"]);
        Assert.True(convert.Exit == 0, convert.Err);
        Assert.Contains("PRC5002", convert.Err);
        Assert.Contains("'/not/in/this/model'", convert.Err);
        Assert.DoesNotContain("renamed_in_another_version", convert.Err);
        Assert.Equal(3, (int)Inspect(temp["m.mlpackage"])["precision"]!["fp32Ops"]!);
        Assert.Equal(0, CompareExit(temp["m.mlpackage"]));
    }

    [Fact]
    public void DebugPrecisionOnAPackageWhoseOutputOpIsFp32()
    {
        // With fp16 I/O the kept softmax's output reaches 'y' through an fp16 cast; the widened FP32 reference must
        // still call its output 'y' (it used to be 'y_fp32', and the debugger failed with an internal error).
        var mlp = SharedData.Path("fixtures", "coremltools", "mlp");
        using var temp = new TempFolder();
        var convert = CliRunner.Run("convert", Path.Combine(mlp, "model.onnx"), "-o", temp["m.mlpackage"], "--fp32-ops", "Softmax");
        Assert.True(convert.Exit == 0, convert.Err);
        var debug = CliRunner.Run("debug-precision", temp["m.mlpackage"], "--inputs", Path.Combine(mlp, "test_data_set_0"), "--json", temp["d.json"]);
        Assert.True(debug.Exit == 0, debug.Out + debug.Err);
        var json = JsonNode.Parse(File.ReadAllText(temp["d.json"]))!;
        Assert.Empty(json["originOps"]!.AsArray());
        Assert.Contains(json["ops"]!.AsArray(), o => (string?)o!["opType"] == "softmax");
    }

    [Theory]
    [InlineData("--samples", "3")]
    [InlineData("--budget", "10")]
    [InlineData("--report", "r.html")]
    public void AutoOnlyOptionsAreRefusedOnFixedPrecision(string option, string value)
    {
        using var temp = new TempFolder();
        var convert = CliRunner.Run("convert", Model, "-o", temp["m.mlpackage"], option, value);
        Assert.Equal(3, convert.Exit);
        Assert.Contains("--precision auto only", convert.Err);
        Assert.False(Directory.Exists(temp["m.mlpackage"]));
    }

    [Fact]
    public void AMalformedPlanIsAUsageErrorWithItsCode()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["bad.json"], "{\"format\": \"something-else\"}");
        var convert = CliRunner.Run("convert", Model, "-o", temp["m.mlpackage"], "--precision-plan", temp["bad.json"]);
        Assert.NotEqual(0, convert.Exit);
        Assert.Contains("PRC5002", convert.Err);
        Assert.False(Directory.Exists(temp["m.mlpackage"]));
    }
}
