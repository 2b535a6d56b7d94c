using MilForge.CoreML.Package;
using MilForge.Onnx.Building;
using MilForge.Onnx.Reading;

namespace MilForge.Cli.Tests;

/// <summary>
/// <c>--input NAME:SHAPE</c> and <c>--input-value NAME=V</c> on convert, run, compare and debug-precision, on a model
/// with a symbolic batch and length (x [N, T, 8]) and a scalar gain input (sr, int64) that only scales the result.
/// </summary>
public class InputOverrideCommandsTests
{
    /// <summary>y = relu(softmax(x·W + b) · sr / 16000); z = conv1d over T of xᵀ (symbolic length through a conv).</summary>
    private static string SymbolicModel(TempFolder temp)
    {
        var g = new OnnxGraphBuilder(13).Input("x", DataType.Float32, null, null, 8).Input("sr", DataType.Int64)
            .Output("y", DataType.Float32, null).Output("z", DataType.Float32, null);
        g.Initializer("W", Tensor.Create(Enumerable.Range(0, 32).Select(i => ((i * 7) % 11 - 5) * 0.1f).ToArray(), 8, 4));
        g.Initializer("b", Tensor.Create([0.1f, -0.2f, 0.3f, 0f], 4));
        g.Initializer("k", Tensor.Create(Enumerable.Range(0, 2 * 8 * 3).Select(i => ((i * 5) % 7 - 3) * 0.1f).ToArray(), 2, 8, 3));
        g.Initializer("base", Tensor.Create([16000f], 1));
        g.Node("MatMul", ["x", "W"], ["xw"], "/proj/MatMul");
        g.Node("Add", ["xw", "b"], ["logits"], "/proj/Add");
        g.Node("Softmax", ["logits"], ["p"], "/Softmax").Attr("axis", -1L);
        g.Node("Cast", ["sr"], ["srf"], "/Cast").Attr("to", 1L);
        g.Node("Div", ["srf", "base"], ["gain"], "/Div");
        g.Node("Mul", ["p", "gain"], ["scaled"], "/Mul");
        g.Node("Relu", ["scaled"], ["y"], "/Relu");
        g.Node("Transpose", ["x"], ["xt"], "/Transpose").Attr("perm", [0L, 2L, 1L]);
        g.Node("Conv", ["xt", "k"], ["z"], "/Conv").Attr("pads", [1L, 1L]);
        var path = temp["m.onnx"];
        File.WriteAllBytes(path, g.ToBytes());
        return path;
    }

    [Fact]
    public void WithoutAShapeASymbolicInputIsWarnedAboutWithTheFlag()
    {
        using var temp = new TempFolder();
        var r = CliRunner.Run("convert", SymbolicModel(temp), "-o", temp["m.mlpackage"]);
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("ONNX1012", r.Err);
        Assert.Contains("Graph input 'x'", r.Err);
        Assert.Contains("--input x:x_d0xx_d1x8", r.Err);
        var input = MlPackageReader.Read(temp["m.mlpackage"]).Program.Main.Inputs.Single(i => i.Name == "x");
        Assert.False(input.TensorType.Shape.IsStatic);
    }

    [Theory]
    [InlineData("fp16")]
    [InlineData("fp32")]
    public void AGivenShapeIsFixedInThePackageAndComparePasses(string precision)
    {
        using var temp = new TempFolder();
        var model = SymbolicModel(temp);
        var r = CliRunner.Run("convert", model, "-o", temp["m.mlpackage"], "--precision", precision, "--input", "x:2x5x8");
        Assert.True(r.Exit == 0, r.Err);
        Assert.DoesNotContain("ONNX1012", r.Err);
        var main = MlPackageReader.Read(temp["m.mlpackage"]).Program.Main;
        Assert.Equal([2, 5, 8], main.Inputs.Single(i => i.Name == "x").TensorType.Shape.ToStatic());
        Assert.Equal([2, 5, 4], main.Body.Outputs[0].TensorType.Shape.ToStatic());
        Assert.Equal([2, 2, 5], main.Body.Outputs[1].TensorType.Shape.ToStatic());
        var tolerance = precision == "fp16" ? "1e-2" : "1e-4";
        var compare = CliRunner.Run("compare", model, temp["m.mlpackage"], "--input", "x:2x5x8", "--atol", tolerance, "--rtol", tolerance);
        Assert.True(compare.Exit == 0, compare.Out + compare.Err);
        Assert.Contains("given inputs: x:2x5x8", compare.Out);
    }

    [Fact]
    public void AnFp16PackageWithSymbolicDimsRunsAtSeveralShapes()
    {
        using var temp = new TempFolder();
        var convert = CliRunner.Run("convert", SymbolicModel(temp), "-o", temp["m.mlpackage"]);
        Assert.True(convert.Exit == 0, convert.Err);
        foreach (var (n, t) in new[] { (1, 3), (3, 7), (2, 16) })
        {
            var outDir = temp[$"out{n}x{t}"];
            var run = CliRunner.Run("run", temp["m.mlpackage"], "-o", outDir, "--input", $"x:{n}x{t}x8");
            Assert.True(run.Exit == 0, run.Out + run.Err);
            Assert.Equal([n, t, 4], OnnxTensors.ReadFile(Path.Combine(outDir, "output_0.pb")).Tensor.Shape);
            Assert.Equal([n, 2, t], OnnxTensors.ReadFile(Path.Combine(outDir, "output_1.pb")).Tensor.Shape);
        }
    }

    [Fact]
    public void AGivenValueBecomesAConstantAndIsFedToTheReference()
    {
        using var temp = new TempFolder();
        var model = SymbolicModel(temp);
        var r = CliRunner.Run("convert", model, "-o", temp["m.mlpackage"], "--precision", "fp32", "--input", "x:1x4x8", "--input-value", "sr=8000");
        Assert.True(r.Exit == 0, r.Err);
        var main = MlPackageReader.Read(temp["m.mlpackage"]).Program.Main;
        Assert.Equal(["x"], main.Inputs.Select(i => i.Name));
        var compare = CliRunner.Run("compare", model, temp["m.mlpackage"], "--input", "x:1x4x8", "--input-value", "sr=8000");
        Assert.True(compare.Exit == 0, compare.Out + compare.Err);
        // Fed a different rate, the reference differs from the package that froze 8000.
        var differs = CliRunner.Run("compare", model, temp["m.mlpackage"], "--input", "x:1x4x8", "--input-value", "sr=16000");
        Assert.Equal(1, differs.Exit);
    }

    [Fact]
    public void RunAndDebugPrecisionTakeTheFlagsOnTheOnnxModel()
    {
        using var temp = new TempFolder();
        var model = SymbolicModel(temp);
        var run = CliRunner.Run("run", model, "-o", temp["out"], "--input", "x:2x3x8", "--input-value", "sr=16000");
        Assert.True(run.Exit == 0, run.Out + run.Err);
        Assert.Equal([2, 3, 4], OnnxTensors.ReadFile(temp["out/output_0.pb"]).Tensor.Shape);
        var debug = CliRunner.Run("debug-precision", model, "--input", "x:2x3x8", "--input-value", "sr=16000");
        Assert.True(debug.Exit == 0, debug.Out + debug.Err);
    }

    [Theory]
    [InlineData("--input", "x:2x5", "ONNX1011", "rank")]
    [InlineData("--input", "x:2x5x9", "ONNX1011", "does not fit")]
    [InlineData("--input", "q:1x2x8", "ONNX1011", "'q' is not an input")]
    [InlineData("--input", "x:2xAx8", "CLI6001", "not a dim size")]
    [InlineData("--input", "x", "CLI6001", "NAME:SHAPE")]
    [InlineData("--input-value", "sr", "CLI6001", "NAME=NUMBER")]
    [InlineData("--input-value", "x=3", "ONNX1011", "single-element")]
    public void BadShapesAndValuesAreInvalidInputAndWriteNothing(string flag, string value, string code, string text)
    {
        using var temp = new TempFolder();
        var r = CliRunner.Run("convert", SymbolicModel(temp), "-o", temp["m.mlpackage"], flag, value);
        Assert.Equal(3, r.Exit);
        Assert.Contains(code, r.Err);
        Assert.Contains(text, r.Err);
        Assert.DoesNotContain("   at ", r.Err);
        Assert.False(Directory.Exists(temp["m.mlpackage"]));
    }
}
