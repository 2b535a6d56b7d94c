using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using MilForge.CoreML.Protos;
using MilForge.CoreML.Serialization;
using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Mil.Verification;

namespace MilForge.CoreML.Package;

/// <summary>
/// Writes an ML Program as a <c>.mlpackage</c> (facts doc §1): <c>Manifest.json</c>,
/// <c>Data/com.apple.CoreML/model.mlmodel</c>, <c>Data/com.apple.CoreML/weights/weight.bin</c> and, when the ops
/// have source origins, <c>Data/com.milforge/origins.json</c> (<see cref="OriginsFile"/>). The package is
/// assembled in a temporary folder beside the target and renamed into place, so a failure never leaves a partial
/// package and never loses the one that was there. The same program always gives the same bytes: item identifiers derive from the content.
/// </summary>
public static class MlPackageWriter
{
    /// <summary>The author folder of Core ML items.</summary>
    public const string Author = "com.apple.CoreML";

    /// <summary>Serializes a program into the package's files (relative path → bytes), without touching the disk.</summary>
    public static IReadOnlyDictionary<string, byte[]> BuildFiles(MilProgram program, PackageOptions? options = null)
    {
        options ??= new PackageOptions();
        var errors = MilVerifier.Verify(program).Where(d => d.Severity == Severity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new DiagnosticException(errors);
        }
        var serializer = new ProgramSerializer();
        var model = new Model
        {
            SpecificationVersion = program.Main.Target.SpecificationVersion(),
            Description = ModelDescriptions.Build(program, options.Metadata),
            MlProgram = serializer.Serialize(program),
        };
        var modelBytes = model.ToByteArray();
        var weights = serializer.WeightBytes;
        var origins = options.WriteOrigins ? OriginsFile.Build(program) : null;
        var digest = SHA256.HashData([.. modelBytes, .. weights, .. origins ?? []]);
        List<ManifestItem> items =
        [
            new ManifestItem(ContentUuid(digest, "model"), Author, "CoreML Model Specification", "model.mlmodel", $"{Author}/model.mlmodel"),
            new ManifestItem(ContentUuid(digest, "weights"), Author, "CoreML Model Weights", "weights", $"{Author}/weights"),
        ];
        if (origins is not null)
        {
            items.Add(new ManifestItem(ContentUuid(digest, "origins"), OriginsFile.Author, "MilForge: the ONNX node behind each MIL op",
                OriginsFile.Name, $"{OriginsFile.Author}/{OriginsFile.Name}"));
        }
        var manifest = new Manifest(items, ContentUuid(digest, "model"));
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["Manifest.json"] = Encoding.UTF8.GetBytes(manifest.ToJson()),
            [$"Data/{Author}/model.mlmodel"] = modelBytes,
        };
        if (origins is not null)
        {
            files[$"Data/{OriginsFile.Author}/{OriginsFile.Name}"] = origins;
        }
        if (weights.Length > 0)
        {
            files[$"Data/{Author}/weights/weight.bin"] = weights;
        }
        return files;
    }

    /// <summary>
    /// Writes the package to <paramref name="path"/> (which must end in .mlpackage), atomically: an existing package
    /// there is replaced only once the new one is complete, and anything that is not a Core ML package is refused
    /// (CLI6004) unless <see cref="PackageOptions.Force"/> (see <see cref="PackagePlacement"/>).
    /// </summary>
    public static void Write(MilProgram program, string path, PackageOptions? options = null)
    {
        options ??= new PackageOptions();
        PackagePlacement.Check(path, options);
        PackagePlacement.Place(path, BuildFiles(program, options), options);
    }

    /// <summary>
    /// Checks, without writing, that <see cref="Write"/> would accept <paramref name="path"/>: a .mlpackage name in an
    /// existing folder, and nothing there but a Core ML package (or anything, with <see cref="PackageOptions.Force"/>).
    /// Lets a command refuse a bad target before long work.
    /// </summary>
    public static void CheckTarget(string path, PackageOptions? options = null) => PackagePlacement.Check(path, options ?? new PackageOptions());

    /// <summary>A UUID string (upper case, 8-4-4-4-12) derived from a content digest and a label.</summary>
    private static string ContentUuid(byte[] digest, string label)
    {
        var bytes = SHA256.HashData([.. digest, .. Encoding.UTF8.GetBytes(label)]).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: custom, content-derived
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        var hex = Convert.ToHexString(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
