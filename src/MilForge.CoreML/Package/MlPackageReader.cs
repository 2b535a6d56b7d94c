using Google.Protobuf;
using MilForge.CoreML.Blob;
using MilForge.CoreML.Protos;
using MilForge.CoreML.Serialization;
using MilForge.Diagnostics;
using MilForge.Mil.Ops;

namespace MilForge.CoreML.Package;

/// <summary>
/// Reads <c>.mlpackage</c> folders and bare <c>.mlmodel</c> files holding an ML Program. Manifest paths are
/// validated (nothing may leave the package); weight files are found by name in the <c>weights</c> folder next to
/// <c>model.mlmodel</c>, as coremltools' reader does. Every problem is a PKG diagnostic naming the file.
/// </summary>
public static class MlPackageReader
{
    /// <summary>Reads a package folder or a .mlmodel file.</summary>
    public static CoreMLModel Read(string path, OpCatalog? catalog = null)
    {
        if (Directory.Exists(path))
        {
            return ReadPackage(path, catalog);
        }
        if (File.Exists(path))
        {
            var bytes = ReadBytes(path);
            return ReadModel(bytes, path, Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "weights"), catalog);
        }
        throw new DiagnosticException(DiagnosticCodes.CliBadFile, $"'{path}' does not exist{PackagePlacement.InterruptedHint(path)}.");
    }

    private static CoreMLModel ReadPackage(string path, OpCatalog? catalog)
    {
        var root = Path.GetFullPath(path);
        var manifestPath = Path.Combine(root, "Manifest.json");
        if (!File.Exists(manifestPath))
        {
            throw new DiagnosticException(DiagnosticCodes.PkgBadManifest, $"'{path}' has no Manifest.json.");
        }
        var manifest = Manifest.Parse(File.ReadAllText(manifestPath), manifestPath);
        var data = Path.Combine(root, "Data");
        var modelPath = Inside(data, manifest.RootModel.Path, manifestPath);
        var weightsDir = Path.Combine(Path.GetDirectoryName(modelPath)!, "weights");
        foreach (var item in manifest.Items)
        {
            var full = Inside(data, item.Path, manifestPath);
            // coremltools lists the weights folder even when no op has blob weights; such an empty folder is easily lost
            // (git keeps no empty folders), and a program that does refer to blob weights fails on reading them.
            var emptyWeights = item.Name == "weights" && item.Path.EndsWith("/weights", StringComparison.Ordinal);
            if (!File.Exists(full) && !Directory.Exists(full) && !emptyWeights)
            {
                throw new DiagnosticException(DiagnosticCodes.PkgBadManifest, $"'{manifestPath}': item '{item.Name}' points at '{item.Path}', which does not exist.");
            }
        }
        if (!File.Exists(modelPath))
        {
            throw new DiagnosticException(DiagnosticCodes.PkgBadManifest, $"'{manifestPath}': the root model '{manifest.RootModel.Path}' is not a file.");
        }
        var model = ReadModel(ReadBytes(modelPath), modelPath, weightsDir, catalog);
        if (manifest.Items.FirstOrDefault(i => i.Author == OriginsFile.Author && i.Name == OriginsFile.Name) is { } origins)
        {
            var originsPath = Inside(data, origins.Path, manifestPath);
            OriginsFile.Apply(model.Program, ReadBytes(originsPath), originsPath);
        }
        return model;
    }

    private static CoreMLModel ReadModel(byte[] bytes, string modelPath, string weightsDir, OpCatalog? catalog)
    {
        Model model;
        try
        {
            model = Model.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new DiagnosticException(DiagnosticCodes.PkgBadModel, $"'{modelPath}' is not a valid Core ML model: {e.Message}");
        }
        if (model.TypeCase != Model.TypeOneofCase.MlProgram)
        {
            throw new DiagnosticException(DiagnosticCodes.PkgBadModel,
                $"'{modelPath}' holds no ML Program (specification version {model.SpecificationVersion}); NeuralNetwork and pipeline models are not supported.");
        }
        var readers = new Dictionary<string, BlobStorageReader>(StringComparer.Ordinal);
        BlobStorageReader Blobs(string fileName)
        {
            var name = fileName.Split('/', '\\').Last();
            if (name.Length == 0 || name is "." or "..")
            {
                throw new DiagnosticException(DiagnosticCodes.PkgPathEscape, $"'{modelPath}': blob file name '{fileName}' is invalid.");
            }
            if (!readers.TryGetValue(name, out var reader))
            {
                var file = Path.Combine(weightsDir, name);
                if (!File.Exists(file))
                {
                    throw new DiagnosticException(DiagnosticCodes.PkgBadBlob, $"'{modelPath}': weight file '{fileName}' is missing (looked for '{file}').");
                }
                readers[name] = reader = new BlobStorageReader(ReadBytes(file), file);
            }
            return reader;
        }
        var deserializer = new ProgramDeserializer((file, offset, type, shape) => Blobs(file).Read(offset, type, shape), $"'{modelPath}'", catalog);
        var program = deserializer.Deserialize(model.MlProgram, model.SpecificationVersion);
        var description = model.Description ?? new ModelDescription();
        var metadata = description.Metadata?.UserDefined.ToDictionary(kv => kv.Key, kv => kv.Value) ?? [];
        return new CoreMLModel(program, model.SpecificationVersion, ModelDescriptions.Read(description.Input),
            ModelDescriptions.Read(description.Output), metadata);
    }

    /// <summary>Resolves a manifest path under <c>Data/</c>, rejecting absolute paths and escapes (PKG3002).</summary>
    private static string Inside(string data, string relative, string manifestPath)
    {
        if (Path.IsPathRooted(relative) || relative.Contains('\0'))
        {
            throw new DiagnosticException(DiagnosticCodes.PkgPathEscape, $"'{manifestPath}': item path '{relative}' is absolute.");
        }
        var full = Path.GetFullPath(Path.Combine(data, relative));
        var prefix = data.EndsWith(Path.DirectorySeparatorChar) ? data : data + Path.DirectorySeparatorChar;
        return full.StartsWith(prefix, StringComparison.Ordinal) ? full
            : throw new DiagnosticException(DiagnosticCodes.PkgPathEscape, $"'{manifestPath}': item path '{relative}' leaves the package.");
    }

    private static byte[] ReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DiagnosticException(DiagnosticCodes.CliBadFile, $"Cannot read '{path}': {e.Message}");
        }
    }
}
