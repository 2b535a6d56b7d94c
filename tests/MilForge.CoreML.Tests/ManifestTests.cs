using System.Text.Json.Nodes;
using MilForge.CoreML.Package;
using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.CoreML.Tests;

/// <summary>Manifest.json validation (facts doc §1.2) through <see cref="MlPackageReader"/>: PKG3001, and PKG3002 for escaping paths.</summary>
public class ManifestTests
{
    private const string ModelId = "11111111-2222-4333-8444-555555555555";
    private const string WeightsId = "66666666-7777-4888-9999-AAAAAAAAAAAA";

    private static JsonObject ValidManifest() => new()
    {
        ["fileFormatVersion"] = "1.0.0",
        ["itemInfoEntries"] = new JsonObject
        {
            [ModelId] = Item("CoreML Model Specification", "model.mlmodel", "com.apple.CoreML/model.mlmodel"),
            [WeightsId] = Item("CoreML Model Weights", "weights", "com.apple.CoreML/weights"),
        },
        ["rootModelIdentifier"] = ModelId,
    };

    private static JsonObject Item(string description, string name, string path) => new()
    {
        ["author"] = "com.apple.CoreML",
        ["description"] = description,
        ["name"] = name,
        ["path"] = path,
    };

    /// <summary>Writes a valid package, then replaces its manifest with <paramref name="manifest"/> (null: delete it).</summary>
    private static string Package(TempDir dir, string? manifest)
    {
        var path = dir["m.mlpackage"];
        MlPackageWriter.Write(TestPrograms.Tiny(), path);
        var file = Path.Combine(path, "Manifest.json");
        if (manifest is null)
        {
            File.Delete(file);
        }
        else
        {
            File.WriteAllText(file, manifest);
        }
        return path;
    }

    private static void Fails(string code, string? manifest, string fragment)
    {
        using var dir = new TempDir();
        var path = Package(dir, manifest);
        var e = Assert.Throws<DiagnosticException>(() => MlPackageReader.Read(path));
        Assert.True(code == e.Code, $"expected {code}: {e.Message}");
        Assert.Contains(fragment, e.Message);
    }

    private static string With(Action<JsonObject> change)
    {
        var m = ValidManifest();
        change(m);
        return m.ToJsonString();
    }

    [Fact]
    public void HandWrittenValidManifestReads()
    {
        using var dir = new TempDir();
        Assert.Equal("y", MlPackageReader.Read(Package(dir, ValidManifest().ToJsonString())).Outputs.Single().Name);
    }

    [Fact]
    public void MissingManifest() => Fails(DiagnosticCodes.PkgBadManifest, null, "has no Manifest.json");

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"fileFormatVersion\": \"1.0.0\",}")]
    [InlineData("not json")]
    public void BadJson(string text) => Fails(DiagnosticCodes.PkgBadManifest, text, "Manifest.json");

    [Theory]
    [InlineData("[]")]
    [InlineData("\"1.0.0\"")]
    [InlineData("null")]
    public void NotAnObject(string text) => Fails(DiagnosticCodes.PkgBadManifest, text, "is not a JSON object");

    [Theory]
    [InlineData("2.0.0")]
    [InlineData("1.0.1")]
    [InlineData("1.0")]
    [InlineData("1.0.0.0")]
    [InlineData("1.-1.0")]
    [InlineData("one")]
    public void WrongVersion(string version) =>
        Fails(DiagnosticCodes.PkgBadManifest, With(m => m["fileFormatVersion"] = version), $"fileFormatVersion '{version}'");

    [Theory]
    [InlineData("fileFormatVersion", "has no string 'fileFormatVersion'")]
    [InlineData("itemInfoEntries", "has no itemInfoEntries object")]
    [InlineData("rootModelIdentifier", "has no string 'rootModelIdentifier'")]
    public void MissingTopLevelKey(string key, string fragment) => Fails(DiagnosticCodes.PkgBadManifest, With(m => m.Remove(key)), fragment);

    [Theory]
    [InlineData("author")]
    [InlineData("description")]
    [InlineData("name")]
    [InlineData("path")]
    public void ItemMissingAKey(string key) =>
        Fails(DiagnosticCodes.PkgBadManifest, With(m => ((JsonObject)m["itemInfoEntries"]![WeightsId]!).Remove(key)), $"item '{WeightsId}' has no string '{key}'");

    [Fact]
    public void OtherItemProblems()
    {
        Fails(DiagnosticCodes.PkgBadManifest, With(m => m["itemInfoEntries"]![WeightsId] = "weights"), "is not an object");
        Fails(DiagnosticCodes.PkgBadManifest, With(m => m["rootModelIdentifier"] = WeightsId.ToLowerInvariant()), "is not one of its items");
        Fails(DiagnosticCodes.PkgBadManifest, With(m => m["itemInfoEntries"]![WeightsId]!["path"] = "com.apple.CoreML/missing"), "which does not exist");
        Fails(DiagnosticCodes.PkgBadManifest, With(m => m["itemInfoEntries"]![WeightsId]!["name"] = "model.mlmodel"), "more than once");
        Fails(DiagnosticCodes.PkgBadManifest, With(m => m["rootModelIdentifier"] = WeightsId), "is not a file");
        Fails(DiagnosticCodes.PkgBadManifest, With(m => m["itemInfoEntries"]![ModelId]!["path"] = 7), "has no string 'path'");
    }

    [Fact]
    public void MissingWeightsFolderReadsWhenNoConstUsesIt()
    {
        using var dir = new TempDir();
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 1, 4));
        program.Main.Body.AddOutput(new MilBuilder(program.Main.Body).Single("relu", new() { { "x", x } }, "y"));
        var inline = dir["inline.mlpackage"];
        MlPackageWriter.Write(program, inline);
        Directory.Delete(Path.Combine(inline, "Data", "com.apple.CoreML", "weights"), recursive: true);
        Assert.Equal("y", MlPackageReader.Read(inline).Outputs.Single().Name);

        var withBlobs = Package(dir, ValidManifest().ToJsonString());
        Directory.Delete(Path.Combine(withBlobs, "Data", "com.apple.CoreML", "weights"), recursive: true);
        Assert.Equal(DiagnosticCodes.PkgBadBlob, Assert.Throws<DiagnosticException>(() => MlPackageReader.Read(withBlobs)).Code);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("../m.mlpackage/Data/com.apple.CoreML/model.mlmodel")]
    [InlineData("com.apple.CoreML/../../Manifest.json")]
    [InlineData("/etc/passwd")]
    [InlineData("/")]
    [InlineData("..")]
    public void PathEscapingThePackage(string path)
    {
        Fails(DiagnosticCodes.PkgPathEscape, With(m => m["itemInfoEntries"]![WeightsId]!["path"] = path), $"item path '{path}'");
        Fails(DiagnosticCodes.PkgPathEscape, With(m => m["itemInfoEntries"]![ModelId]!["path"] = path), $"item path '{path}'");
    }

    [Fact]
    public void ManifestParseNamesTheFile()
    {
        var e = Assert.Throws<DiagnosticException>(() => Manifest.Parse("{}", "some/Manifest.json"));
        Assert.Equal(DiagnosticCodes.PkgBadManifest, e.Code);
        Assert.Contains("'some/Manifest.json'", e.Message);
        var m = Manifest.Parse(ValidManifest().ToJsonString(), "x");
        Assert.Equal("model.mlmodel", m.RootModel.Name);
        Assert.Equal(ValidManifest().ToJsonString(), JsonNode.Parse(m.ToJson())!.ToJsonString());
    }
}
