using MilForge.Onnx.Building;

namespace MilForge.Cli.Tests;

/// <summary>The verbs never destroy what MilForge did not write, and a bad output path is exit 3, never a crash.</summary>
public class OutputSafetyTests
{
    internal static string ReluModel(TempFolder temp)
    {
        var g = new OnnxGraphBuilder(13).Input("x", DataType.Float32, 2, 3).Output("y", DataType.Float32, 2, 3);
        g.Node("Relu", ["x"], ["y"], "/relu");
        File.WriteAllBytes(temp["m.onnx"], g.ToBytes());
        return temp["m.onnx"];
    }

    [Fact]
    public void ConvertRefusesAFolderOfTheUsersFilesAndForceReplacesIt()
    {
        using var temp = new TempFolder();
        var model = ReluModel(temp);
        Directory.CreateDirectory(temp["existing.mlpackage"]);
        File.WriteAllText(temp["existing.mlpackage/thesis.tex"], "three years of work");
        var refused = CliRunner.Run("convert", model, "-o", temp["existing.mlpackage"]);
        Assert.Equal(3, refused.Exit);
        Assert.Contains("CLI6004", refused.Err);
        Assert.Contains("--force", refused.Err);
        Assert.Equal("three years of work", File.ReadAllText(temp["existing.mlpackage/thesis.tex"]));

        var forced = CliRunner.Run("convert", model, "-o", temp["existing.mlpackage"], "--force");
        Assert.True(forced.Exit == 0, forced.Err);
        Assert.False(File.Exists(temp["existing.mlpackage/thesis.tex"]));
        Assert.True(File.Exists(temp["existing.mlpackage/Manifest.json"]));
    }

    [Fact]
    public void ConvertReplacesItsOwnPackageAndLeavesNothingBeside()
    {
        using var temp = new TempFolder();
        var model = ReluModel(temp);
        Assert.Equal(0, CliRunner.Run("convert", model, "-o", temp["m.mlpackage"]).Exit);
        var again = CliRunner.Run("convert", model, "-o", temp["m.mlpackage"], "--precision", "fp32");
        Assert.True(again.Exit == 0, again.Err);
        Assert.Equal(["m.mlpackage", "m.onnx"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ConvertRemovesTheLeftoversOfAKilledConvert()
    {
        using var temp = new TempFolder();
        var model = ReluModel(temp);
        Assert.Equal(0, CliRunner.Run("convert", model, "-o", temp["m.mlpackage"]).Exit);
        // What a convert killed while writing leaves: its temporary folder (named with its process id, now gone).
        var leftover = temp[$".m.mlpackage.tmp-{int.MaxValue - 7}-{Guid.NewGuid():N}"];
        Directory.CreateDirectory(Path.Combine(leftover, "Data"));
        Assert.Equal(0, CliRunner.Run("convert", model, "-o", temp["m.mlpackage"]).Exit);
        Assert.False(Directory.Exists(leftover));
        Assert.Equal(["m.mlpackage", "m.onnx"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RunOntoAFileIsInvalidInputNotABug()
    {
        using var temp = new TempFolder();
        var model = ReluModel(temp);
        File.WriteAllText(temp["out"], "precious");
        var r = CliRunner.Run("run", model, "-o", temp["out"]);
        Assert.Equal(3, r.Exit);
        Assert.Contains("CLI6004", r.Err);
        Assert.DoesNotContain("internal error", r.Err);
        Assert.Equal("precious", File.ReadAllText(temp["out"]));
    }

    [Fact]
    public void RunKeepsOutputFilesAlreadyThereUnlessForced()
    {
        using var temp = new TempFolder();
        var model = ReluModel(temp);
        Directory.CreateDirectory(temp["test_data_set_0"]);
        File.WriteAllText(temp["test_data_set_0/output_0.pb"], "the reference output");
        var refused = CliRunner.Run("run", model, "-o", temp["test_data_set_0"]);
        Assert.Equal(3, refused.Exit);
        Assert.Contains("output_0.pb", refused.Err);
        Assert.Equal("the reference output", File.ReadAllText(temp["test_data_set_0/output_0.pb"]));

        var forced = CliRunner.Run("run", model, "-o", temp["test_data_set_0"], "--force");
        Assert.True(forced.Exit == 0, forced.Err);
        Assert.Equal(["output_0.pb", "y.npy"], Directory.EnumerateFileSystemEntries(temp["test_data_set_0"]).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DemoKeepsAForeignModelInItsFolder()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["demo.onnx"], "my own model");
        var r = CliRunner.Run("demo", "--dir", temp.Path);
        Assert.Equal(3, r.Exit);
        Assert.Contains("CLI6004", r.Err);
        Assert.Equal("my own model", File.ReadAllText(temp["demo.onnx"]));
    }
}
