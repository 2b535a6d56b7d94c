using System.Text.Json.Nodes;
using MilForge.Onnx.Reading;
using MilForge.Precision.Comparison;

namespace MilForge.Cli.Tests;

/// <summary>
/// Packages made by coremltools run on MilForge's interpreter: every fp32 package matches PyTorch (rtol 1e-3,
/// atol 1e-4), every fp16 package within 1e-2 (mobilenet_v2 5e-2) — except overflow's, which must produce NaN/Inf
/// as on a device — and `inspect --json` counts the ops coremltools reports in info.json.
/// </summary>
public class CoremltoolsPackagesSharedTests
{
    public static TheoryData<string, string> Packages()
    {
        var data = new TheoryData<string, string>();
        var root = SharedData.Root;
        if (root is null)
        {
            data.Add("mlp", "fp32.mlpackage");
            return data;
        }
        foreach (var fixture in SharedData.FixtureNames)
        {
            foreach (var package in Directory.GetDirectories(Path.Combine(root, "fixtures", "coremltools", fixture), "*.mlpackage").Order(StringComparer.Ordinal))
            {
                data.Add(fixture, Path.GetFileName(package));
            }
        }
        return data;
    }

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
}
