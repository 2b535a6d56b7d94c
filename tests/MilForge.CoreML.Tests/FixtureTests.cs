using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using MilForge.CoreML.Package;
using MilForge.CoreML.Protos;
using MilForge.Mil;

namespace MilForge.CoreML.Tests;

/// <summary>The packages coremltools made (shared/fixtures/coremltools): read, rewrite and compare.</summary>
public class FixtureTests
{
    public static TheoryData<string> Fixtures() => [.. SharedData.FixtureNames];

    [Fact]
    public void FixtureListCoversTheSharedFolder()
    {
        var root = SharedData.Path("fixtures", "coremltools");
        var present = Directory.EnumerateDirectories(root).Where(d => Directory.Exists(Path.Combine(d, "fp32.mlpackage"))).Select(Path.GetFileName).Order();
        Assert.Equal(present, SharedData.FixtureNames.Order());
    }

    /// <summary>Reads a coremltools package, writes it, reads it again: same MIL; writing twice gives the same bytes.</summary>
    [Theory]
    [MemberData(nameof(Fixtures))]
    public void CoremltoolsFixtureRoundTripsShared(string name)
    {
        var folder = SharedData.Path("fixtures", "coremltools", name);
        using var dir = new TempDir();
        var original = MlPackageReader.Read(Path.Combine(folder, "fp32.mlpackage"));
        var text = RoundTripTests.Printer.Print(original.Program);
        MlPackageWriter.Write(original.Program, dir["a.mlpackage"]);
        MlPackageWriter.Write(original.Program, dir["b.mlpackage"]);
        var again = MlPackageReader.Read(dir["a.mlpackage"]);
        Assert.Equal(text, RoundTripTests.Printer.Print(again.Program));
        foreach (var file in TempDir.Entries(dir["a.mlpackage"]).Where(e => !e.EndsWith('/')))
        {
            Assert.True(File.ReadAllBytes(dir["a.mlpackage/" + file]).AsSpan().SequenceEqual(File.ReadAllBytes(dir["b.mlpackage/" + file])), $"{file} differs");
        }
        Assert.Equal(original.Inputs.Select(RoundTripTests.Describe), again.Inputs.Select(RoundTripTests.Describe));
        Assert.Equal(original.Outputs.Select(RoundTripTests.Describe), again.Outputs.Select(RoundTripTests.Describe));
    }

    /// <summary>What MilForge reads from each coremltools package agrees with what coremltools recorded in info.json.</summary>
    [Theory]
    [MemberData(nameof(Fixtures))]
    public void CoremltoolsFixturesMatchTheirInfoShared(string name)
    {
        var folder = SharedData.Path("fixtures", "coremltools", name);
        using var info = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "info.json")));
        foreach (var package in info.RootElement.GetProperty("coreml").EnumerateObject())
        {
            var model = MlPackageReader.Read(Path.Combine(folder, package.Name));
            var facts = package.Value;
            Assert.Equal(facts.GetProperty("specification_version").GetInt32(), model.SpecificationVersion);
            Assert.Equal(facts.GetProperty("mil_opset").GetProperty("main").GetString(), model.Program.Main.Target.Opset());
            var expectedCounts = facts.GetProperty("op_type_counts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
            var counts = model.Program.Main.AllOperations().GroupBy(o => o.Type).ToDictionary(g => g.Key, g => g.Count());
            Assert.True(expectedCounts.OrderBy(kv => kv.Key).SequenceEqual(counts.OrderBy(kv => kv.Key)),
                $"{name}/{package.Name}: op counts {Show(counts)}, coremltools recorded {Show(expectedCounts)}");
            foreach (var (features, read) in new[] { (facts.GetProperty("inputs"), model.Inputs), (facts.GetProperty("outputs"), model.Outputs) })
            {
                Assert.Equal(features.EnumerateArray().Select(f => $"{f.GetProperty("name").GetString()} {f.GetProperty("dtype").GetString()} [{string.Join(",", f.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()))}]"),
                    read.Select(f => $"{f.Name} {f.DataType} [{string.Join(",", f.Shape)}]"));
            }
        }
    }

    private static IEnumerable<string> Packages(string name) =>
        Directory.EnumerateDirectories(SharedData.Path("fixtures", "coremltools", name), "*.mlpackage").Order(StringComparer.Ordinal);

    /// <summary>Our schema covers every field coremltools writes, so reading and rewriting loses nothing.</summary>
    [Theory]
    [MemberData(nameof(Fixtures))]
    public void CoremltoolsModelsHaveNoFieldsUnknownToOurSchemaShared(string name)
    {
        foreach (var package in Packages(name))
        {
            var model = Model.Parser.ParseFrom(File.ReadAllBytes(Path.Combine(package, "Data/com.apple.CoreML/model.mlmodel")));
            Assert.True(ProtoWalk.UnknownFields(model) is [], $"{package}: {string.Join("; ", ProtoWalk.UnknownFields(model))}");
        }
    }

    /// <summary>
    /// Rewriting a coremltools package gives the same weight.bin, except that MilForge stores identical blobs once
    /// where coremltools may repeat them (transformer_encoder repeats three 64-element LayerNorm/bias vectors).
    /// </summary>
    [Theory]
    [MemberData(nameof(Fixtures))]
    public void RewrittenWeightsMatchCoremltoolsShared(string name)
    {
        foreach (var package in Packages(name))
        {
            using var dir = new TempDir();
            MlPackageWriter.Write(MlPackageReader.Read(package).Program, dir["m.mlpackage"]);
            var ours = File.ReadAllBytes(dir["m.mlpackage/Data/com.apple.CoreML/weights/weight.bin"]);
            var theirs = File.ReadAllBytes(Path.Combine(package, "Data/com.apple.CoreML/weights/weight.bin"));
            var theirBlobs = Blobs(theirs);
            Assert.Equal(theirBlobs.Distinct(), Blobs(ours));
            if (theirBlobs.Distinct().Count() == theirBlobs.Count)
            {
                Assert.True(ours.AsSpan().SequenceEqual(theirs), $"{package}: weight.bin differs");
            }
        }
    }

    /// <summary>(dtype code, size, data hash) of each blob in file order.</summary>
    private static List<string> Blobs(byte[] file)
    {
        var blobs = new List<string>();
        for (var offset = 64; offset < file.Length;)
        {
            var code = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 4));
            var size = (int)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(offset + 8));
            var data = (int)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(offset + 16));
            blobs.Add($"{code}/{size}/{Convert.ToHexString(SHA256.HashData(file.AsSpan(data, size)))[..16]}");
            offset = (data + size + 63) / 64 * 64;
        }
        return blobs;
    }

    /// <summary>Our Manifest.json for coremltools' identifiers is byte for byte the file coremltools wrote.</summary>
    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ManifestTextMatchesCoremltoolsShared(string name)
    {
        foreach (var package in Packages(name))
        {
            var path = Path.Combine(package, "Manifest.json");
            var text = File.ReadAllText(path);
            Assert.Equal(text, Manifest.Parse(text, path).ToJson());
        }
    }

    private static string Show(Dictionary<string, int> counts) => string.Join(", ", counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}: {kv.Value}"));
}
