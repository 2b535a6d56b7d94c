using MilForge.CoreML.Package;
using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.CoreML.Tests;

/// <summary>Determinism and atomicity of <see cref="MlPackageWriter"/>.</summary>
public class WriterTests
{
    private static Dictionary<string, byte[]> Files(string package) =>
        TempDir.Entries(package).Where(e => !e.EndsWith('/')).ToDictionary(e => e, e => File.ReadAllBytes(Path.Combine(package, e)));

    [Theory]
    [InlineData(DeploymentTarget.iOS15)]
    [InlineData(DeploymentTarget.iOS18)]
    public void WritingTheSameProgramTwiceGivesIdenticalBytes(DeploymentTarget target)
    {
        using var dir = new TempDir();
        var program = TestPrograms.Package(target);
        MlPackageWriter.Write(program, dir["a.mlpackage"]);
        MlPackageWriter.Write(program, dir["b.mlpackage"]);
        MlPackageWriter.Write(TestPrograms.Package(target), dir["c.mlpackage"]);
        var a = Files(dir["a.mlpackage"]);
        Assert.Equal(3, a.Count);
        foreach (var other in new[] { "b.mlpackage", "c.mlpackage" })
        {
            var b = Files(dir[other]);
            Assert.Equal(a.Keys, b.Keys);
            Assert.All(a, kv => Assert.True(kv.Value.AsSpan().SequenceEqual(b[kv.Key]), $"{kv.Key} differs in {other}"));
        }
        Assert.Equal(a.Keys, MlPackageWriter.BuildFiles(program).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DifferentWeightsGiveDifferentIdentifiers()
    {
        var a = System.Text.Encoding.UTF8.GetString(MlPackageWriter.BuildFiles(TestPrograms.Package(DeploymentTarget.iOS16))["Manifest.json"]);
        var b = System.Text.Encoding.UTF8.GetString(MlPackageWriter.BuildFiles(TestPrograms.Tiny())["Manifest.json"]);
        Assert.NotEqual(a, b);
    }

    /// <summary>The entries directly in a folder (folders end in '/'): a temporary or backup folder would show here.</summary>
    private static List<string> TopLevel(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder).Select(e => Path.GetFileName(e) + (Directory.Exists(e) ? "/" : "")).Order(StringComparer.Ordinal)];

    private static void AssertFailsCleanly(TempDir dir, string code, Action write, params string[] expectedEntries)
    {
        var e = Assert.Throws<DiagnosticException>(write);
        Assert.Equal(code, e.Code);
        Assert.Equal(expectedEntries, TopLevel(dir.Path));
    }

    [Fact]
    public void ProgramThatDoesNotVerifyLeavesNothing()
    {
        using var dir = new TempDir();
        var program = TestPrograms.Tiny();
        var foreign = MilProgram.WithMain(DeploymentTarget.iOS16).Main.AddInput("ghost", TensorType.Of(DataType.Float32, 1, 3));
        program.Main.Body.AddOutput(new MilBuilder(program.Main.Body).Single("relu", new() { { "x", foreign } }));
        AssertFailsCleanly(dir, DiagnosticCodes.MilMalformed, () => MlPackageWriter.Write(program, dir["bad.mlpackage"]));
    }

    [Fact]
    public void UnsupportedOutputTypeLeavesNothing()
    {
        using var dir = new TempDir();
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 2));
        program.Main.Body.AddOutput(new MilBuilder(program.Main.Body).Single("greater", new() { { "x", x }, { "y", 0f } }));
        AssertFailsCleanly(dir, DiagnosticCodes.PkgUnsupported, () => MlPackageWriter.Write(program, dir["bool.mlpackage"]));
    }

    [Theory]
    [InlineData("model")]
    [InlineData("model.mlmodel")]
    [InlineData("model.mlpackage.zip")]
    public void PathMustEndInMlpackage(string name)
    {
        using var dir = new TempDir();
        AssertFailsCleanly(dir, DiagnosticCodes.PkgWriteFailed, () => MlPackageWriter.Write(TestPrograms.Tiny(), dir[name]));
    }

    [Fact]
    public void UnwritableParentLeavesNoTempFolder()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["file"], "not a folder");
        AssertFailsCleanly(dir, DiagnosticCodes.PkgWriteFailed, () => MlPackageWriter.Write(TestPrograms.Tiny(), dir["file/inner.mlpackage"]), "file");
        Assert.Equal("not a folder", File.ReadAllText(dir["file"]));
    }

    [Fact]
    public void ReadOnlyParentLeavesNoTempFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("uses Unix file modes");
            return;
        }
        using var dir = new TempDir();
        var parent = dir["locked"];
        Directory.CreateDirectory(parent);
        File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            MlPackageWriter.Write(TestPrograms.Tiny(), Path.Combine(parent, "m.mlpackage"));
            Assert.Skip("the process can write to a read-only folder (running as root), so this failure cannot be provoked here");
        }
        catch (DiagnosticException e)
        {
            Assert.Equal(DiagnosticCodes.PkgWriteFailed, e.Code);
            Assert.Empty(Directory.EnumerateFileSystemEntries(parent));
        }
        finally
        {
            File.SetUnixFileMode(parent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Fact]
    public void ExistingFileAtTheTargetIsKept()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["m.mlpackage"], "precious");
        AssertFailsCleanly(dir, DiagnosticCodes.CliOutputExists, () => MlPackageWriter.Write(TestPrograms.Tiny(), dir["m.mlpackage"]), "m.mlpackage");
        Assert.Equal("precious", File.ReadAllText(dir["m.mlpackage"]));
    }

    [Fact]
    public void OverwritingReplacesTheWholePackage()
    {
        using var dir = new TempDir();
        var path = dir["m.mlpackage"];
        MlPackageWriter.Write(TestPrograms.Package(DeploymentTarget.iOS16), path);
        File.WriteAllText(Path.Combine(path, "stale.txt"), "left over");
        MlPackageWriter.Write(TestPrograms.Tiny(), path);
        Assert.Equal(["m.mlpackage/"], TopLevel(dir.Path));
        Assert.DoesNotContain("stale.txt", TempDir.Entries(path));
        var expected = MlPackageWriter.BuildFiles(TestPrograms.Tiny());
        Assert.All(expected, kv => Assert.Equal(kv.Value, File.ReadAllBytes(Path.Combine(path, kv.Key))));
        Assert.Equal("y", Assert.Single(MlPackageReader.Read(path).Outputs).Name);
    }

    [Fact]
    public void OverwriteOffKeepsTheExistingPackage()
    {
        using var dir = new TempDir();
        var path = dir["m.mlpackage"];
        MlPackageWriter.Write(TestPrograms.Tiny(), path);
        var before = Files(path);
        AssertFailsCleanly(dir, DiagnosticCodes.CliOutputExists,
            () => MlPackageWriter.Write(TestPrograms.Package(DeploymentTarget.iOS16), path, new PackageOptions { Overwrite = false }), "m.mlpackage/");
        Assert.Equal(before.Keys, Files(path).Keys);
        Assert.All(before, kv => Assert.Equal(kv.Value, File.ReadAllBytes(Path.Combine(path, kv.Key))));
    }
}
