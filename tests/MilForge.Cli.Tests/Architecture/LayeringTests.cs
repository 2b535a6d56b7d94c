using System.Reflection;
using System.Xml.Linq;

namespace MilForge.Cli.Tests.Architecture;

/// <summary>
/// Enforces the layer table of the README: each project references only the MilForge projects below it; ONNX
/// Runtime is referenced by the OnnxRuntime adapter only; protobuf by the two format projects only; every public
/// type is documented; source files stay small.
/// </summary>
public class LayeringTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["MilForge.Numerics"] = [],
        ["MilForge.Mil"] = ["MilForge.Numerics"],
        ["MilForge.Onnx"] = ["MilForge.Numerics", "MilForge.Mil"],
        ["MilForge.CoreML"] = ["MilForge.Numerics", "MilForge.Mil"],
        ["MilForge.Runtime"] = ["MilForge.Numerics", "MilForge.Mil"],
        ["MilForge.Precision"] = ["MilForge.Numerics", "MilForge.Mil", "MilForge.Onnx", "MilForge.CoreML", "MilForge.Runtime"],
        ["MilForge.OnnxRuntime"] = ["MilForge.Numerics", "MilForge.Mil", "MilForge.Onnx", "MilForge.Precision"],
    };

    public static TheoryData<string> Projects() => [.. Allowed.Keys];

    private static Assembly Load(string name) => Assembly.Load(new AssemblyName(name));

    [Theory]
    [MemberData(nameof(Projects))]
    public void ProjectReferencesOnlyLowerLayers(string project)
    {
        var references = Load(project).GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("MilForge", StringComparison.Ordinal) || n == "milforge");
        var extra = references.Except(Allowed[project]).ToList();
        Assert.True(extra.Count == 0, $"{project} must not reference {string.Join(", ", extra)}");
    }

    [Fact]
    public void OnlyTheAdapterReferencesOnnxRuntimeAndOnlyFormatsReferenceProtobuf()
    {
        foreach (var project in Allowed.Keys.Append("milforge"))
        {
            var references = Load(project).GetReferencedAssemblies().Select(a => a.Name!).ToList();
            Assert.True(project == "MilForge.OnnxRuntime" || !references.Any(r => r.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal)),
                $"{project} references ONNX Runtime");
            Assert.True(project is "MilForge.Onnx" or "MilForge.CoreML" || !references.Contains("Google.Protobuf"), $"{project} references Google.Protobuf");
        }
    }

    [Fact]
    public void NothingReferencesTheCommandLine()
    {
        foreach (var project in Allowed.Keys)
        {
            Assert.DoesNotContain("milforge", Load(project).GetReferencedAssemblies().Select(a => a.Name));
        }
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void EveryPublicTypeIsDocumented(string project)
    {
        var assembly = Load(project);
        var xml = Path.ChangeExtension(assembly.Location, ".xml");
        Assert.True(File.Exists(xml), $"{xml} is missing: GenerateDocumentationFile must stay on");
        var documented = XDocument.Load(xml).Descendants("member").Select(m => (string?)m.Attribute("name")).ToHashSet();
        var missing = assembly.GetExportedTypes()
            .Where(t => !t.Namespace!.EndsWith(".Protos", StringComparison.Ordinal))
            .Where(t => !documented.Contains("T:" + t.FullName!.Replace('+', '.')))
            .Select(t => t.FullName).ToList();
        Assert.True(missing.Count == 0, "Undocumented public types: " + string.Join(", ", missing));
    }

    [Fact]
    public void SourceFilesStaySmall()
    {
        const int Limit = 400;
        var src = Path.Combine(SharedData.RepositoryRoot, "src");
        var large = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(src, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > Limit).ToList();
        Assert.True(large.Count == 0, $"Files over {Limit} lines (split them): " + string.Join(", ", large.Select(f => $"{f.File} ({f.Lines})")));
    }
}
