using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MilForge.Onnx.Reading;
using MilForge.Precision.Comparison;

namespace MilForge.Cli.Tests;

/// <summary>
/// Packages made by coremltools run on MilForge's interpreter: every fp32 package matches PyTorch (rtol 1e-3,
/// atol 1e-4), every fp16 package within 1e-2 (mobilenet_v2 5e-2) — except overflow's, which must produce NaN/Inf
/// as on a device — and `inspect --json` counts the ops coremltools reports in info.json.
/// </summary>
public partial class CoremltoolsPackagesSharedTests
{
    public static TheoryData<string, string> Packages() => SharedData.FixturePackages("*.mlpackage", "fp32.mlpackage");

    [Theory]
    [MemberData(nameof(Packages))]
    public void RunsAndMatchesPyTorch(string fixture, string package)
    {
        var dir = SharedData.Path("fixtures", "coremltools", fixture);
        using var temp = new TempFolder();
        var inputs = Path.Combine(dir, "test_data_set_0");
        var run = CliRunner.Run("run", Path.Combine(dir, package), "-o", temp.Path, "--inputs", inputs);
        Assert.True(run.Exit == 0, run.Err);
        var expected = OnnxTensors.ReadFile(Path.Combine(inputs, "output_0.pb")).Tensor;
        var actual = OnnxTensors.ReadFile(temp["output_0.pb"]).Tensor.CastTo(DataType.Float32);
        var fp16 = package.StartsWith("fp16", StringComparison.Ordinal);
        if (fp16 && fixture == "overflow")
        {
            Assert.True(actual.AsFloats().Any(v => !float.IsFinite(v)), "the overflow fixture's fp16 package must produce NaN/Inf");
            return;
        }
        var tolerance = !fp16 ? (1e-4, 1e-3) : fixture == "mobilenet_v2" ? (5e-2, 5e-2) : (1e-2, 1e-2);
        var c = TensorComparer.Compare("y", expected, actual, tolerance.Item1, tolerance.Item2);
        Assert.True(c.Passed, $"{fixture}/{package}: {c.Mismatches}/{c.Elements} differ, max abs {c.MaxAbsError}, max rel {c.MaxRelError}");
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void InspectCountsTheOpsCoremltoolsReports(string fixture, string package)
    {
        var dir = SharedData.Path("fixtures", "coremltools", fixture);
        var inspect = CliRunner.Run("inspect", Path.Combine(dir, package), "--json");
        Assert.True(inspect.Exit == 0, inspect.Err);
        var ours = JsonNode.Parse(inspect.Out)!;
        var info = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "info.json")))!["coreml"]![package]!;
        var expectedOps = info["op_type_counts"]!.AsObject().ToDictionary(kv => kv.Key, kv => (int)kv.Value!);
        var actualOps = ours["ops"]!.AsObject().ToDictionary(kv => kv.Key, kv => (int)kv.Value!);
        Assert.Equal(expectedOps.OrderBy(kv => kv.Key), actualOps.OrderBy(kv => kv.Key));
        var input = ours["inputs"]![0]!;
        Assert.Equal((string)info["inputs"]![0]!["name"]!, (string)input["name"]!);
        Assert.Equal(((string)info["inputs"]![0]!["dtype"]!) == "FLOAT16" ? "fp16" : "fp32", (string)input["dtype"]!);
        Assert.NotNull(ours["precision"]!["fp16Ops"]);
        Assert.NotNull(ours["outputs"]);
    }

    private static string DtypeName(string coreml) => coreml switch
    {
        "FLOAT16" => "fp16",
        "FLOAT32" => "fp32",
        "INT32" => "int32",
        "BOOL" => "bool",
        "STRING" => "string",
        _ => throw new InvalidOperationException($"dtype {coreml} not expected in the fixtures"),
    };

    /// <summary>
    /// The rest of <c>inspect --json</c> against what coremltools wrote: every input and output (name, dtype, shape)
    /// and the format (spec version, target, opset) from info.json; the FP16/FP32/cast op counts and the label from
    /// the package's MIL text (each op's output type), and the weight bytes by type and the largest weights from its
    /// listing of const ops.
    /// </summary>
    [Theory]
    [MemberData(nameof(Packages))]
    public void InspectDescribesIoFormatPrecisionAndWeightsAsCoremltools(string fixture, string package)
    {
        var dir = SharedData.Path("fixtures", "coremltools", fixture);
        var inspect = CliRunner.Run("inspect", Path.Combine(dir, package), "--json");
        Assert.True(inspect.Exit == 0, inspect.Err);
        var ours = JsonNode.Parse(inspect.Out)!;
        var info = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "info.json")))!["coreml"]![package]!;

        foreach (var side in new[] { "inputs", "outputs" })
        {
            static string Describe(JsonNode f, Func<string, string> dtype) =>
                $"{f["name"]} {dtype((string)f["dtype"]!)} {f["shape"]!.ToJsonString()}";
            Assert.Equal(info[side]!.AsArray().Select(f => Describe(f!, c => DtypeName(c).ToUpperInvariant())),
                ours[side]!.AsArray().Select(f => Describe(f!, d => d.ToUpperInvariant())));
        }
        Assert.Equal("mlpackage", (string?)ours["format"]!["kind"]);
        Assert.Equal((int)info["specification_version"]!, (int)ours["format"]!["specificationVersion"]!);
        Assert.Equal((string?)info["minimum_deployment_target"], (string?)ours["deploymentTarget"]);
        Assert.Equal((string?)info["mil_opset"]!["main"], (string?)ours["opset"]);

        // Ops by the type of their (first) output, in coremltools' own text of the package.
        var milText = File.ReadAllLines(Path.Combine(dir, (string)info["mil_text"]!));
        var ops = milText.Select(l => MilOp().Match(l)).Where(m => m.Success).Select(m => (Dtype: m.Groups[1].Value, Type: m.Groups[2].Value)).ToList();
        Assert.Equal(info["op_type_counts"]!.AsObject().Where(kv => kv.Key != "const").Sum(kv => (int)kv.Value!), ops.Count);
        var precision = ours["precision"]!;
        var (fp16, fp32, casts) = (ops.Count(o => o.Type != "cast" && o.Dtype == "fp16"), ops.Count(o => o.Type != "cast" && o.Dtype == "fp32"), ops.Count(o => o.Type == "cast"));
        Assert.Equal((fp16, fp32, casts), ((int)precision["fp16Ops"]!, (int)precision["fp32Ops"]!, (int)precision["casts"]!));
        var label = fp16 > 0 && fp32 > 0 ? "mixed" : fp16 > 0 ? "fp16" : "fp32";
        Assert.Equal(label, (string?)precision["label"]);
        // An FLOAT32 conversion computes in fp32 only; a FLOAT16 one in fp16 except what coremltools kept (weights_overflow).
        Assert.Equal((string?)info["compute_precision"] == "FLOAT32" ? "fp32" : fixture == "weights_overflow" ? "mixed" : "fp16", label);

        // Weights: coremltools lists every const op with its dtype and shape.
        var consts = milText.Select(l => ConstLine().Match(l)).Where(m => m.Success).Select(m => (
            Name: m.Groups[1].Value,
            Dtype: DtypeName(m.Groups[2].Value),
            Shape: m.Groups[3].Value.Length == 0 ? [] : m.Groups[3].Value.Split(',').Select(int.Parse).ToArray())).ToList();
        Assert.Equal((int)info["op_type_counts"]!["const"]!, consts.Count);
        static int Bytes(string dtype) => dtype switch { "fp16" => 2, "fp32" or "int32" => 4, _ => 0 };
        var expectedBytes = consts.Where(c => Bytes(c.Dtype) > 0).GroupBy(c => c.Dtype)
            .ToDictionary(g => g.Key, g => g.Sum(c => (long)c.Shape.Aggregate(1, (p, d) => p * d) * Bytes(g.Key)));
        var actualBytes = ours["weightBytes"]!.AsObject().ToDictionary(kv => kv.Key, kv => (long)kv.Value!);
        Assert.Equal(expectedBytes.OrderBy(kv => kv.Key), actualBytes.OrderBy(kv => kv.Key));
        var largest = ours["largestWeights"]!.AsArray();
        var numeric = consts.Where(c => Bytes(c.Dtype) > 0).ToList();
        Assert.Equal(Math.Min(5, numeric.Count), largest.Count);
        Assert.Equal(numeric.Select(c => c.Shape.Aggregate(1, (p, d) => p * d)).OrderDescending().Take(5),
            largest.Select(w => w!["shape"]!.AsArray().Aggregate(1, (p, d) => p * (int)d!)));
        foreach (var w in largest)
        {
            var listed = Assert.Single(consts, c => c.Name == (string?)w!["name"]);
            Assert.Equal(listed.Dtype, (string?)w!["dtype"]);
            Assert.Equal(listed.Shape, w["shape"]!.AsArray().Select(d => (int)d!));
            Assert.Equal((long)listed.Shape.Aggregate(1, (p, d) => p * d) * Bytes(listed.Dtype), (long)w["bytes"]!);
        }
    }

    [GeneratedRegex(@"^\s+%\S+: \((?:[^)]*, )?(fp16|fp32|int32|bool)\)\(Tensor\).* = (\w+)\(")]
    private static partial Regex MilOp();

    [GeneratedRegex(@"^//\s+main: %(\S+): ([A-Z0-9]+)\[([^\]]*)\] = ")]
    private static partial Regex ConstLine();
}
