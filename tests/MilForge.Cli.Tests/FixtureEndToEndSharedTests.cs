using MilForge.Onnx.Reading;
using MilForge.Precision.Comparison;

namespace MilForge.Cli.Tests;

/// <summary>
/// The foundation's acceptance path on every coremltools fixture: convert --precision fp32, run the package with
/// the interpreter on the fixture's inputs and match PyTorch's output_0.pb (rtol 1e-3, atol 1e-4), and compare with
/// ONNX Runtime (exit 0).
/// </summary>
public class FixtureEndToEndSharedTests
{
    public static TheoryData<string> Fixtures() => [.. SharedData.FixtureNames];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ConvertRunAndCompareMatchPyTorch(string fixture)
    {
        var dir = SharedData.Path("fixtures", "coremltools", fixture);
        using var temp = new TempFolder();
        var package = temp["model.mlpackage"];
        var inputs = Path.Combine(dir, "test_data_set_0");

        var convert = CliRunner.Run("convert", Path.Combine(dir, "model.onnx"), "-o", package, "--precision", "fp32");
        Assert.True(convert.Exit == 0, convert.Err);
        Assert.True(File.Exists(Path.Combine(package, "Manifest.json")));

        var run = CliRunner.Run("run", package, "-o", temp["out"], "--inputs", inputs);
        Assert.True(run.Exit == 0, run.Err);
        var expected = OnnxTensors.ReadFile(Path.Combine(inputs, "output_0.pb")).Tensor;
        var actual = OnnxTensors.ReadFile(temp["out/output_0.pb"]).Tensor;
        var c = TensorComparer.Compare("y", expected, actual, atol: 1e-4, rtol: 1e-3);
        Assert.True(c.Passed, $"{fixture}: {c.Mismatches}/{c.Elements} differ, max abs {c.MaxAbsError}, max rel {c.MaxRelError}");

        var compare = CliRunner.Run("compare", Path.Combine(dir, "model.onnx"), package, "--inputs", inputs);
        Assert.True(compare.Exit == 0, compare.Out + compare.Err);
        Assert.Contains("PASS", compare.Out);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void RunOnnxDirectlyWithEitherEngineMatchesPyTorch(string fixture)
    {
        var dir = SharedData.Path("fixtures", "coremltools", fixture);
        var inputs = Path.Combine(dir, "test_data_set_0");
        var expected = OnnxTensors.ReadFile(Path.Combine(inputs, "output_0.pb")).Tensor;
        foreach (var engine in new[] { "interpreter", "onnxruntime" })
        {
            using var temp = new TempFolder();
            var run = CliRunner.Run("run", Path.Combine(dir, "model.onnx"), "-o", temp.Path, "--inputs", inputs, "--engine", engine, "--precision", "fp32");
            Assert.True(run.Exit == 0, run.Err);
            var actual = OnnxTensors.ReadFile(temp["output_0.pb"]).Tensor;
            Assert.True(TensorComparer.Compare("y", expected, actual, 1e-4, 1e-3).Passed, $"{fixture} on {engine}");
            Assert.True(File.Exists(temp["y.npy"]));
        }
    }
}
