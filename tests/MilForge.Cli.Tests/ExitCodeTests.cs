using MilForge.CoreML.Package;
using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Onnx.Building;

namespace MilForge.Cli.Tests;

/// <summary>Bad input gives a diagnostic and exit 3, never a crash trace; compare's exit codes follow the verdict.</summary>
public class ExitCodeTests
{
    private static byte[] AddOneModel(string op = "Relu")
    {
        var g = new OnnxGraphBuilder(13).Input("x", DataType.Float32, 2, 3).Output("y", DataType.Float32, 2, 3);
        g.Node(op, ["x"], ["y"], "/node");
        return g.ToBytes();
    }

    [Fact]
    public void MissingModelFileIsInvalidInput()
    {
        using var temp = new TempFolder();
        var r = CliRunner.Run("convert", temp["nope.onnx"], "-o", temp["x.mlpackage"]);
        Assert.Equal(3, r.Exit);
        Assert.Contains("ONNX1001", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void MalformedModelIsInvalidInputAndWritesNothing()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp["bad.onnx"], [0x0A, 0xFF, 0xFF, 0xFF, 0x0F, 1, 2]);
        var r = CliRunner.Run("convert", temp["bad.onnx"], "-o", temp["x.mlpackage"]);
        Assert.Equal(3, r.Exit);
        Assert.Contains("ONNX1001", r.Err);
        Assert.False(Directory.Exists(temp["x.mlpackage"]));
        Assert.Empty(Directory.GetDirectories(temp.Path));
    }

    [Fact]
    public void UnsupportedOpsAreListedAtOnce()
    {
        using var temp = new TempFolder();
        var g = new OnnxGraphBuilder(13).Input("x", DataType.Float32, 4).Output("y", DataType.Float32, 4);
        g.Node("StringNormalizer", ["x"], ["a"], "first");
        g.Node("StringNormalizer", ["a"], ["b"], "second");
        g.Node("Celu", ["b"], ["y"], "third");
        File.WriteAllBytes(temp["m.onnx"], g.ToBytes());
        var r = CliRunner.Run("convert", temp["m.onnx"], "-o", temp["x.mlpackage"]);
        Assert.Equal(3, r.Exit);
        Assert.Contains("ONNX1002", r.Err);
        Assert.Contains("StringNormalizer ×2 ('first', 'second')", r.Err);
        Assert.Contains("Celu ×1 ('third')", r.Err);
        Assert.False(Directory.Exists(temp["x.mlpackage"]));
    }

    [Fact]
    public void Fp16IoOnIos15IsRefused()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp["m.onnx"], AddOneModel());
        var r = CliRunner.Run("convert", temp["m.onnx"], "-o", temp["x.mlpackage"], "--target", "iOS15", "--io-dtype", "fp16");
        Assert.Equal(3, r.Exit);
        Assert.Contains("iOS16", r.Err);
        Assert.False(Directory.Exists(temp["x.mlpackage"]));
    }

    [Fact]
    public void Fp32OnlyOptionsWithFp32PrecisionAreRefused()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp["m.onnx"], AddOneModel());
        var r = CliRunner.Run("convert", temp["m.onnx"], "-o", temp["x.mlpackage"], "--precision", "fp32", "--fp32-ops", "relu");
        Assert.Equal(3, r.Exit);
    }

    [Theory]
    [InlineData("convert", "--target", "iOS12")]
    [InlineData("convert", "--no-such-option", "1")]
    [InlineData("frobnicate")]
    public void BadUsageIsExitThree(params string[] args)
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp["m.onnx"], AddOneModel());
        var full = args[0] == "convert" ? [args[0], temp["m.onnx"], "-o", temp["x.mlpackage"], .. args[1..]] : args;
        var r = CliRunner.Run(full);
        Assert.Equal(3, r.Exit);
        Assert.NotEmpty(r.Err);
    }

    [Fact]
    public void CompareExitsZeroOneAndTwo()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp["relu.onnx"], AddOneModel("Relu"));
        Assert.Equal(0, CliRunner.Run("convert", temp["relu.onnx"], "-o", temp["relu.mlpackage"], "--precision", "fp32").Exit);
        Assert.Equal(0, CliRunner.Run("compare", temp["relu.onnx"], temp["relu.mlpackage"]).Exit);

        // A package computing something else: exit 1.
        WriteProgram(temp["abs.mlpackage"], (b, x) => b.Single("abs", new() { { "x", x } }, "y"));
        var differ = CliRunner.Run("compare", temp["relu.onnx"], temp["abs.mlpackage"]);
        Assert.Equal(1, differ.Exit);
        Assert.Contains("FAIL", differ.Out);

        // A package overflowing to infinity where the reference is finite: exit 2.
        WriteProgram(temp["inf.mlpackage"], (b, x) =>
        {
            var big = b.Single("mul", new() { { "x", x }, { "y", 1e30f } }, "big");
            return b.Single("mul", new() { { "x", big }, { "y", 1e30f } }, "y");
        });
        var nonFinite = CliRunner.Run("compare", temp["relu.onnx"], temp["inf.mlpackage"]);
        Assert.Equal(2, nonFinite.Exit);
    }

    [Fact]
    public void RunWithWrongInputFolderIsInvalidInput()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp["m.onnx"], AddOneModel());
        Directory.CreateDirectory(temp["empty"]);
        var r = CliRunner.Run("run", temp["m.onnx"], "-o", temp["out"], "--inputs", temp["empty"]);
        Assert.Equal(3, r.Exit);
        Assert.Contains("RUN4001", r.Err);
    }

    private static void WriteProgram(string path, Func<MilBuilder, Value, Value> body)
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 2, 3));
        var b = new MilBuilder(program.Main.Body);
        program.Main.Body.AddOutput(body(b, x));
        MlPackageWriter.Write(program, path);
    }
}
