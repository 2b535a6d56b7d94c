using System.Text.Json.Nodes;
using MilForge.CoreML.Package;
using MilForge.Mil.Text;
using MilForge.Onnx.Reading;

namespace MilForge.Cli.Tests;

/// <summary>
/// <c>convert --on-weight-overflow auto|keep-fp32|saturate|error</c> on the two overflow fixtures: weights_overflow
/// (fc1.weight[0,0] = 75000, a real weight beyond 65504) and mask_sentinel (an additive mask holding the float32
/// minimum, a sentinel meant as −∞). Checked through the <c>--json</c> report, <c>inspect --json</c>, the package's
/// constants, and <c>compare</c> with ONNX Runtime at atol = rtol = 1e-2.
/// </summary>
public class WeightOverflowCommandsSharedTests
{
    private static string Fixture(string name) => SharedData.Path("fixtures", "coremltools", name);

    private sealed record Conversion(TempFolder Temp, string Package, int Exit, string Out, string Err, JsonNode? Report) : IDisposable
    {
        public void Dispose() => Temp.Dispose();
    }

    private static Conversion Convert(string fixture, string mode)
    {
        var temp = new TempFolder();
        var package = temp["m.mlpackage"];
        var run = CliRunner.Run("convert", Path.Combine(Fixture(fixture), "model.onnx"), "-o", package, "--on-weight-overflow", mode, "--json", temp["report.json"]);
        var report = File.Exists(temp["report.json"]) ? JsonNode.Parse(File.ReadAllText(temp["report.json"])) : null;
        return new Conversion(temp, package, run.Exit, run.Out, run.Err, report);
    }

    private static JsonNode Precision(string package)
    {
        var inspect = CliRunner.Run("inspect", package, "--json");
        Assert.True(inspect.Exit == 0, inspect.Err);
        return JsonNode.Parse(inspect.Out)!["precision"]!;
    }

    private static (int Fp16, int Fp32, int Casts) Ops(string package)
    {
        var p = Precision(package);
        return ((int)p["fp16Ops"]!, (int)p["fp32Ops"]!, (int)p["casts"]!);
    }

    private static (int Exit, string Out, string Err) Compare(string fixture, string package) =>
        CliRunner.Run("compare", Path.Combine(Fixture(fixture), "model.onnx"), package, "--inputs",
            Path.Combine(Fixture(fixture), "test_data_set_0"), "--atol", "1e-2", "--rtol", "1e-2");

    /// <summary>The package's non-const, non-cast ops by their output type: (type, dtype, name).</summary>
    private static List<(string Type, DataType Dtype, string Name)> ComputeOps(string package) =>
        [.. MlPackageReader.Read(package).Program.Main.AllOperations().Where(o => !o.IsConst && o.Type != "cast")
            .Select(o => (o.Type, o.Output.DataType, o.Name))];

    /// <summary>The package's float constants by name.</summary>
    private static Dictionary<string, Tensor> FloatConsts(string package) =>
        MlPackageReader.Read(package).Program.Main.AllOperations().Where(o => o.IsConst && o.Attributes["val"].DataType.IsFloat())
            .ToDictionary(o => o.Output.Name, o => o.Attributes["val"]);

    private static JsonNode SingleOverflow(Conversion c)
    {
        Assert.NotNull(c.Report);
        return Assert.Single(c.Report!["weightOverflow"]!.AsArray())!;
    }

    [Fact]
    public void AutoIsTheDefault()
    {
        foreach (var fixture in new[] { "weights_overflow", "mask_sentinel" })
        {
            using var auto = Convert(fixture, "auto");
            using var temp = new TempFolder();
            Assert.Equal(0, CliRunner.Run("convert", Path.Combine(Fixture(fixture), "model.onnx"), "-o", temp["d.mlpackage"]).Exit);
            static string Mil(string package) => new MilPrinter().Print(MlPackageReader.Read(package).Program);
            Assert.Equal(Mil(temp["d.mlpackage"]), Mil(auto.Package));
            Assert.Equal("auto", (string?)auto.Report!["onWeightOverflow"]);
        }
    }

    [Fact]
    public void AutoKeepsTheOverflowingWeightsOpInFp32()
    {
        using var c = Convert("weights_overflow", "auto");
        Assert.True(c.Exit == 0, c.Err);
        Assert.Contains("warning MIL2101", c.Err);
        Assert.Contains("'fc1.weight'", c.Err);
        var overflow = SingleOverflow(c);
        Assert.Equal("fc1.weight", (string?)overflow["origin"]!["onnxNode"]);
        Assert.Equal(0, (int)overflow["sentinels"]!);
        Assert.Contains("kept in FP32", (string?)overflow["action"]);
        Assert.Contains("/fc1/Gemm", Assert.Single(c.Report!["keptFp32"]!.AsArray())!.ToJsonString());

        Assert.Equal((2, 1, 2), Ops(c.Package));
        Assert.Equal("mixed", (string?)Precision(c.Package)["label"]);
        // The FP32 op is fc1's linear, reading 75000 unchanged; fc2's linear and the relu are FP16.
        var ops = ComputeOps(c.Package);
        Assert.Equal([("linear", DataType.Float32), ("relu", DataType.Float16), ("linear", DataType.Float16)], ops.Select(o => (o.Type, o.Dtype)));
        Assert.Equal(75000f, FloatConsts(c.Package).Values.Where(t => t.DataType == DataType.Float32).Max(t => t.AsFloats().Max()));
        var compare = Compare("weights_overflow", c.Package);
        Assert.True(compare.Exit == 0, compare.Out);
    }

    [Fact]
    public void AutoSaturatesTheMaskSentinel()
    {
        using var c = Convert("mask_sentinel", "auto");
        Assert.True(c.Exit == 0, c.Err);
        Assert.Contains("warning MIL2101", c.Err);
        Assert.Contains("saturated to ±65504", c.Err);
        var overflow = SingleOverflow(c);
        Assert.Equal("mask", (string?)overflow["origin"]!["onnxNode"]);
        Assert.Equal(11, (int)overflow["sentinels"]!);
        Assert.Equal((int)overflow["overflowing"]!, (int)overflow["sentinels"]!);
        Assert.Contains("11 value(s) saturated", (string?)overflow["action"]);
        Assert.Empty(c.Report!["keptFp32"]!.AsArray());

        Assert.Equal((4, 0, 0), Ops(c.Package));
        Assert.Equal("fp16", (string?)Precision(c.Package)["label"]);
        var mask = FloatConsts(c.Package)["mask_to_fp16"];
        Assert.Equal(DataType.Float16, mask.DataType);
        Assert.Equal(11, mask.AsFloats().Count(v => v == -65504f));
        Assert.DoesNotContain(mask.AsFloats(), v => !float.IsFinite(v));
        var compare = Compare("mask_sentinel", c.Package);
        Assert.True(compare.Exit == 0, compare.Out);
    }

    [Fact]
    public void KeepFp32KeepsTheWeightsOpInFp32()
    {
        using var c = Convert("weights_overflow", "keep-fp32");
        Assert.True(c.Exit == 0, c.Err);
        Assert.Contains("'fc1.weight'", c.Err);
        Assert.Equal("keep-fp32", (string?)c.Report!["onWeightOverflow"]);
        Assert.Contains("kept in FP32", (string?)SingleOverflow(c)["action"]);
        Assert.Equal((2, 1, 2), Ops(c.Package));
        Assert.Equal(("linear", DataType.Float32), ComputeOps(c.Package).Select(o => (o.Type, o.Dtype)).First());
        var compare = Compare("weights_overflow", c.Package);
        Assert.True(compare.Exit == 0, compare.Out);
    }

    [Fact]
    public void KeepFp32KeepsTheMaskAddInFp32ButItsResultOverflowsFp16()
    {
        using var c = Convert("mask_sentinel", "keep-fp32");
        Assert.True(c.Exit == 0, c.Err);
        var overflow = SingleOverflow(c);
        Assert.Equal(11, (int)overflow["sentinels"]!);
        Assert.Contains("kept in FP32", (string?)overflow["action"]);
        Assert.DoesNotContain("saturated", (string?)overflow["action"]);
        Assert.Equal((3, 1, 2), Ops(c.Package));
        Assert.Contains(ComputeOps(c.Package), o => o.Type == "add" && o.Dtype == DataType.Float32);
        Assert.Equal(float.MinValue, FloatConsts(c.Package).Values.Where(t => t.DataType == DataType.Float32).Min(t => t.AsFloats().Min()));

        // The add is exact in FP32, but its result (x − 3.4e38) is cast to FP16 for the softmax: −Inf. The fully masked
        // row 1 is then softmax(−Inf, …, −Inf) = NaN, and compare exits 2 — a sentinel needs auto or saturate.
        using var temp = new TempFolder();
        var run = CliRunner.Run("run", c.Package, "-o", temp.Path, "--inputs", Path.Combine(Fixture("mask_sentinel"), "test_data_set_0"));
        Assert.True(run.Exit == 0, run.Err);
        var y = OnnxTensors.ReadFile(temp["output_0.pb"]).Tensor.AsFloats();
        Assert.All(y[..8], v => Assert.True(float.IsFinite(v)));
        Assert.All(y[8..], v => Assert.True(float.IsNaN(v)));
        Assert.Equal(2, Compare("mask_sentinel", c.Package).Exit);
    }

    [Fact]
    public void SaturateMakesEveryOpFp16AndReportsTheSaturatedWeight()
    {
        using var c = Convert("weights_overflow", "saturate");
        Assert.True(c.Exit == 0, c.Err);
        Assert.Contains("warning MIL2101", c.Err);
        Assert.Contains("'fc1.weight'", c.Err);
        Assert.Contains("1 value(s) saturated to ±65504", c.Err);
        Assert.Equal("saturate", (string?)c.Report!["onWeightOverflow"]);
        Assert.Contains("saturated", (string?)SingleOverflow(c)["action"]);
        Assert.Empty(c.Report["keptFp32"]!.AsArray());
        Assert.Equal((3, 0, 0), Ops(c.Package));
        Assert.Equal("fp16", (string?)Precision(c.Package)["label"]);
        Assert.DoesNotContain(FloatConsts(c.Package).Values, t => t.DataType == DataType.Float32);
        var weight = FloatConsts(c.Package)["fc1_weight_to_fp16"].AsFloats();
        Assert.Equal(65504f, weight.Max());
        Assert.Equal(1, weight.Count(v => v == 65504f));

        // 75000 became 65504: with x[0] = 0.5 that moves the first hidden unit by 4748, and y beyond 1e-2.
        var compare = Compare("weights_overflow", c.Package);
        Assert.True(compare.Exit == 1, compare.Out);
        Assert.DoesNotContain("NaN/Inf candidate", compare.Out);
    }

    [Fact]
    public void SaturateOnTheMaskIsWhatAutoDoes()
    {
        using var c = Convert("mask_sentinel", "saturate");
        using var auto = Convert("mask_sentinel", "auto");
        Assert.True(c.Exit == 0, c.Err);
        Assert.Contains("saturated to ±65504", c.Err);
        Assert.Equal((4, 0, 0), Ops(c.Package));
        static string Mil(string package) => new MilPrinter().Print(MlPackageReader.Read(package).Program);
        Assert.Equal(Mil(auto.Package), Mil(c.Package));
        var compare = Compare("mask_sentinel", c.Package);
        Assert.True(compare.Exit == 0, compare.Out);
    }

    [Theory]
    [InlineData("weights_overflow", "'fc1.weight'", "75000")]
    [InlineData("mask_sentinel", "'mask'", "3.40282E+38")]
    public void ErrorExitsWithTheCodeAndWritesNothing(string fixture, string constant, string maxAbs)
    {
        using var c = Convert(fixture, "error");
        Assert.Equal(3, c.Exit);
        Assert.Contains("error MIL2101", c.Err);
        Assert.Contains(constant, c.Err);
        Assert.Contains(maxAbs, c.Err);
        Assert.Contains("--on-weight-overflow error", c.Err);
        Assert.DoesNotContain("internal error", c.Err);
        Assert.False(Directory.Exists(c.Package), "a package was written");
        Assert.False(File.Exists(c.Package), "a package was written");
        Assert.Null(c.Report);
        Assert.DoesNotContain("Converted", c.Out);
    }

    [Fact]
    public void ErrorLeavesAnExistingPackageAlone()
    {
        using var temp = new TempFolder();
        var package = temp["m.mlpackage"];
        var model = Path.Combine(Fixture("weights_overflow"), "model.onnx");
        Assert.Equal(0, CliRunner.Run("convert", model, "-o", package, "--precision", "fp32").Exit);
        var before = Directory.GetFiles(package, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        Assert.Equal(3, CliRunner.Run("convert", model, "-o", package, "--on-weight-overflow", "error").Exit);
        var after = Directory.GetFiles(package, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        Assert.Equal(before, after);
    }

    [Fact]
    public void AModelWithoutOverflowConvertsUnderError()
    {
        var mlp = SharedData.Path("fixtures", "coremltools", "mlp");
        using var temp = new TempFolder();
        var convert = CliRunner.Run("convert", Path.Combine(mlp, "model.onnx"), "-o", temp["m.mlpackage"], "--on-weight-overflow", "error");
        Assert.True(convert.Exit == 0, convert.Err);
        Assert.DoesNotContain("MIL2101", convert.Err);
        Assert.Equal(0, (int)Precision(temp["m.mlpackage"])["fp32Ops"]!);
    }

    [Fact]
    public void AnUnknownModeIsAUsageError()
    {
        using var temp = new TempFolder();
        var convert = CliRunner.Run("convert", Path.Combine(Fixture("weights_overflow"), "model.onnx"), "-o", temp["m.mlpackage"], "--on-weight-overflow", "clip");
        Assert.Equal(3, convert.Exit);
        Assert.Contains("CLI6001", convert.Err);
        Assert.False(Directory.Exists(temp["m.mlpackage"]));
    }
}
