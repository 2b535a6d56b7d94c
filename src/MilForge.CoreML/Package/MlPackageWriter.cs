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
/// package. The same program always gives the same bytes: item identifiers derive from the content.
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

    /// <summary>Writes the package to <paramref name="path"/> (which must end in .mlpackage), atomically.</summary>
    public static void Write(MilProgram program, string path, PackageOptions? options = null)
    {
        options ??= new PackageOptions();
        if (!path.EndsWith(".mlpackage", StringComparison.OrdinalIgnoreCase))
        {
            throw new DiagnosticException(DiagnosticCodes.PkgWriteFailed, $"'{path}': a Core ML package path must end in .mlpackage.");
        }
        var files = BuildFiles(program, options);
        var target = Path.GetFullPath(path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        var parent = Path.GetDirectoryName(target)!;
        if (File.Exists(target) || (Directory.Exists(target) && !options.Overwrite))
        {
            throw new DiagnosticException(DiagnosticCodes.PkgWriteFailed, $"'{path}' already exists{(File.Exists(target) ? " and is a file" : "")}.");
        }
        var temp = Path.Combine(parent, $".{Path.GetFileName(target)}.tmp-{Guid.NewGuid():N}");
        var backup = Path.Combine(parent, $".{Path.GetFileName(target)}.old-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(parent);
            Directory.CreateDirectory(Path.Combine(temp, "Data", Author, "weights"));
            foreach (var (relative, bytes) in files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(temp, relative))!);
                File.WriteAllBytes(Path.Combine(temp, relative), bytes);
            }
            var hadOld = Directory.Exists(target);
            if (hadOld)
            {
                Directory.Move(target, backup);
            }
            try
            {
                Directory.Move(temp, target);
            }
            catch
            {
                if (hadOld)
                {
                    Directory.Move(backup, target);
                }
                throw;
            }
            if (hadOld)
            {
                Directory.Delete(backup, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new DiagnosticException(DiagnosticCodes.PkgWriteFailed, $"Cannot write '{path}': {e.Message}", inner: e);
        }
    }

    /// <summary>A UUID string (upper case, 8-4-4-4-12) derived from a content digest and a label.</summary>
    private static string ContentUuid(byte[] digest, string label)
    {
        var bytes = SHA256.HashData([.. digest, .. Encoding.UTF8.GetBytes(label)]).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: custom, content-derived
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        var hex = Convert.ToHexString(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: the temporary folder is hidden and named as such.
        }
    }
}
