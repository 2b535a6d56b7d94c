using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Google.Protobuf;
using MilForge.CoreML.Package;
using MilForge.CoreML.Protos;
using MilForge.Mil;

namespace MilForge.CoreML.Tests;

/// <summary>A written package checked against the format facts (docs/coreml-format.md §1, §2, §3, §5).</summary>
public partial class PackageLayoutTests
{
    private const string ModelPath = "Data/com.apple.CoreML/model.mlmodel";
    private const string WeightPath = "Data/com.apple.CoreML/weights/weight.bin";

    [GeneratedRegex("^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")]
    private static partial Regex Uuid();

    private static (TempDir Dir, string Package) Write(DeploymentTarget target)
    {
        var dir = new TempDir();
        var package = dir["model.mlpackage"];
        MlPackageWriter.Write(TestPrograms.Package(target), package);
        return (dir, package);
    }

    [Fact]
    public void PackageHasExactlyTheFilesOfTheFacts()
    {
        var (dir, package) = Write(DeploymentTarget.iOS16);
        using var _ = dir;
        Assert.Equal(["Data/", "Data/com.apple.CoreML/", ModelPath, "Data/com.apple.CoreML/weights/", WeightPath, "Manifest.json"], TempDir.Entries(package));
        Assert.Equal(["model.mlpackage"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void ManifestIsByteForByteWhatTheCoreMLLibraryWrites()
    {
        var (dir, package) = Write(DeploymentTarget.iOS16);
        using var _ = dir;
        var bytes = File.ReadAllBytes(Path.Combine(package, "Manifest.json"));
        Assert.Equal((byte)'{', bytes[0]);
        var text = Encoding.UTF8.GetString(bytes);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal(["fileFormatVersion", "itemInfoEntries", "rootModelIdentifier"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("1.0.0", root.GetProperty("fileFormatVersion").GetString());
        var entries = root.GetProperty("itemInfoEntries").EnumerateObject().ToList();
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Matches(Uuid(), e.Name));
        Assert.Equal(entries.Select(e => e.Name).Order(StringComparer.Ordinal), entries.Select(e => e.Name));
        var model = entries.Single(e => e.Value.GetProperty("name").GetString() == "model.mlmodel");
        var weights = entries.Single(e => e.Value.GetProperty("name").GetString() == "weights");
        Assert.Equal(model.Name, root.GetProperty("rootModelIdentifier").GetString());
        Assert.NotEqual(model.Name, weights.Name);
        string Entry(string id, string description, string name, string path) =>
            $"        \"{id}\": {{\n            \"author\": \"com.apple.CoreML\",\n            \"description\": \"{description}\",\n" +
            $"            \"name\": \"{name}\",\n            \"path\": \"{path}\"\n        }}";
        var items = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [model.Name] = Entry(model.Name, "CoreML Model Specification", "model.mlmodel", "com.apple.CoreML/model.mlmodel"),
            [weights.Name] = Entry(weights.Name, "CoreML Model Weights", "weights", "com.apple.CoreML/weights"),
        };
        var expected = "{\n    \"fileFormatVersion\": \"1.0.0\",\n    \"itemInfoEntries\": {\n" + string.Join(",\n", items.Values) +
            $"\n    }},\n    \"rootModelIdentifier\": \"{model.Name}\"\n}}\n";
        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData(DeploymentTarget.iOS15, 6, "CoreML5")]
    [InlineData(DeploymentTarget.iOS16, 7, "CoreML6")]
    [InlineData(DeploymentTarget.iOS17, 8, "CoreML7")]
    [InlineData(DeploymentTarget.iOS18, 9, "CoreML8")]
    public void ModelDecodesWithoutUnknownFieldsAndDeclaresTheTarget(DeploymentTarget target, int spec, string opset)
    {
        var (dir, package) = Write(target);
        using var _ = dir;
        var bytes = File.ReadAllBytes(Path.Combine(package, ModelPath));
        var model = Model.Parser.ParseFrom(bytes);
        Assert.Empty(ProtoWalk.UnknownFields(model));
        Assert.Equal(bytes, Model.Parser.WithDiscardUnknownFields(true).ParseFrom(bytes).ToByteArray());
        Assert.Equal(spec, model.SpecificationVersion);
        Assert.Equal(Model.TypeOneofCase.MlProgram, model.TypeCase);
        Assert.Equal(1, model.MlProgram.Version);
        var main = Assert.Single(model.MlProgram.Functions);
        Assert.Equal("main", main.Key);
        Assert.Equal(opset, main.Value.Opset);
        Assert.Equal([opset], main.Value.BlockSpecializations.Keys);
        Assert.Equal("test", model.MlProgram.Attributes["buildInfo"].ImmediateValue.Dictionary.Values.Single().Value.ImmediateValue.Tensor.Strings.Values.Single());
    }

    [Fact]
    public void FeatureDescriptionsFollowTheMainFunction()
    {
        var (dir, package) = Write(DeploymentTarget.iOS17);
        using var _ = dir;
        var description = Model.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(package, ModelPath))).Description;
        var input = Assert.Single(description.Input);
        Assert.Equal("x", input.Name);
        Assert.Equal(FeatureType.TypeOneofCase.MultiArrayType, input.Type.TypeCase);
        Assert.Equal(65568, (int)input.Type.MultiArrayType.DataType);
        Assert.Equal([1L, 16], input.Type.MultiArrayType.Shape);
        Assert.Equal(["probs", "back"], description.Output.Select(o => o.Name));
        Assert.Equal([[1L, 10], [1L, 12]], description.Output.Select(o => o.Type.MultiArrayType.Shape.ToArray()));
        Assert.All(description.Output, o => Assert.Equal(ArrayFeatureType.Types.ArrayDataType.Float32, o.Type.MultiArrayType.DataType));
        Assert.Equal(65552, (int)ArrayFeatureType.Types.ArrayDataType.Float16);
        Assert.Equal(131104, (int)ArrayFeatureType.Types.ArrayDataType.Int32);
        var function = Model.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(package, ModelPath))).MlProgram.Functions["main"];
        Assert.Equal(["x"], function.Inputs.Select(i => i.Name));
        Assert.Equal(["probs", "back"], function.BlockSpecializations["CoreML7"].Outputs);
    }
}
