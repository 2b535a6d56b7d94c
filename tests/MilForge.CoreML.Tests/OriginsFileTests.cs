using System.Text.Json.Nodes;
using MilForge.CoreML.Package;
using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.CoreML.Tests;

/// <summary>Data/com.milforge/origins.json: written when ops have origins, listed in the manifest, read back onto the ops.</summary>
public class OriginsFileTests
{
    private static MilProgram WithOrigins()
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 1, 4));
        var b = new MilBuilder(program.Main.Body) { Origin = new Origin("/fc/Gemm", "Gemm") };
        var fc = b.Single("linear", new() { { "x", x }, { "weight", TestTensors.Uniform(5, [3, 4]) } }, "fc");
        b.Origin = new Origin("/act/Relu", "Relu").WithPass("fp16");
        program.Main.Body.AddOutput(b.Single("relu", new() { { "x", fc } }, "y"));
        return program;
    }

    [Fact]
    public void OriginsRoundTripThroughAPackage()
    {
        using var dir = new TempDir();
        MlPackageWriter.Write(WithOrigins(), dir["m.mlpackage"]);
        var read = MlPackageReader.Read(dir["m.mlpackage"]).Program.Main.Body.Operations;
        var fc = read.Single(o => o.Type == "linear");
        Assert.Equal(new Origin("/fc/Gemm", "Gemm").ToString(), fc.Origin.ToString());
        var relu = read.Single(o => o.Type == "relu");
        Assert.Equal("/act/Relu", relu.Origin.NodeName);
        Assert.Equal(["fp16"], relu.Origin.Passes!);
    }

    [Fact]
    public void TheItemIsInTheManifestWithItsFourKeysAndAUniqueNameAndAuthor()
    {
        var files = MlPackageWriter.BuildFiles(WithOrigins());
        Assert.True(files.ContainsKey("Data/com.milforge/origins.json"));
        var entries = JsonNode.Parse(files["Manifest.json"])!["itemInfoEntries"]!.AsObject();
        var origins = Assert.Single(entries, e => (string?)e.Value!["author"] == "com.milforge").Value!;
        Assert.Equal("origins.json", (string?)origins["name"]);
        Assert.Equal("com.milforge/origins.json", (string?)origins["path"]);
        Assert.False(string.IsNullOrEmpty((string?)origins["description"]));
        Assert.Equal(3, entries.Count);
        Assert.Equal(entries.Count, entries.Select(e => ((string?)e.Value!["author"], (string?)e.Value!["name"])).Distinct().Count());
    }

    [Fact]
    public void NoOriginsNoFileAndTheOptionTurnsItOff()
    {
        Assert.DoesNotContain("Data/com.milforge/origins.json", MlPackageWriter.BuildFiles(TestPrograms.Tiny()).Keys);
        var off = MlPackageWriter.BuildFiles(WithOrigins(), new PackageOptions { WriteOrigins = false });
        Assert.DoesNotContain("Data/com.milforge/origins.json", off.Keys);
        Assert.Equal(2, JsonNode.Parse(off["Manifest.json"])!["itemInfoEntries"]!.AsObject().Count);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"format\": \"other\", \"version\": 1, \"functions\": {}}")]
    [InlineData("{\"format\": \"milforge-origins\", \"version\": 2, \"functions\": {}}")]
    [InlineData("{\"format\": \"milforge-origins\", \"version\": \"one\", \"functions\": {}}")]
    public void AMalformedOriginsFileIsAPackageDiagnosticNamingIt(string text)
    {
        using var dir = new TempDir();
        MlPackageWriter.Write(WithOrigins(), dir["m.mlpackage"]);
        File.WriteAllText(dir["m.mlpackage/Data/com.milforge/origins.json"], text);
        var e = Assert.Throws<DiagnosticException>(() => MlPackageReader.Read(dir["m.mlpackage"]));
        Assert.Equal(DiagnosticCodes.PkgBadManifest, e.Diagnostics[0].Code);
        Assert.Contains("origins.json", e.Message);
    }

    [Fact]
    public void UnknownOpNamesInTheFileAreIgnored()
    {
        using var dir = new TempDir();
        MlPackageWriter.Write(WithOrigins(), dir["m.mlpackage"]);
        File.WriteAllText(dir["m.mlpackage/Data/com.milforge/origins.json"],
            "{\"format\": \"milforge-origins\", \"version\": 1, \"functions\": {\"main\": {\"gone\": {\"node\": \"/x\"}, \"y\": {\"node\": \"/y\", \"op\": \"Relu\"}}, \"other\": {}}}");
        var ops = MlPackageReader.Read(dir["m.mlpackage"]).Program.Main.Body.Operations;
        Assert.Equal("/y", ops.Single(o => o.Type == "relu").Origin.NodeName);
        Assert.True(ops.Single(o => o.Type == "linear").Origin.IsNone);
    }
}
