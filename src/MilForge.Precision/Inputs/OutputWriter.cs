using MilForge.Diagnostics;
using MilForge.Numerics;
using MilForge.Numerics.Io;
using MilForge.Onnx.Reading;

namespace MilForge.Precision.Inputs;

/// <summary>
/// Writes outputs in the ONNX test-data layout: <c>output_K.pb</c> and <c>NAME.npy</c>, in model output order, each
/// file atomically. The folder is created when missing (its parent must exist); files already there with those names
/// are refused (CLI6004) unless replacing is asked for, so a reference <c>test_data_set_0</c> is never overwritten by accident.
/// </summary>
public static class OutputWriter
{
    /// <summary>Checks that <paramref name="directory"/> can take outputs (a folder or a new name in an existing folder); returns its full path.</summary>
    public static string Check(string directory)
    {
        var folder = OutputPaths.Resolve(directory);
        if (File.Exists(folder))
        {
            throw new DiagnosticException(DiagnosticCodes.CliOutputExists, $"'{directory}' is a file; outputs are written to a folder.");
        }
        return folder;
    }

    /// <summary>
    /// Writes every output to <paramref name="directory"/>; existing files of the same names are replaced only with
    /// <paramref name="replaceExisting"/>. Returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<KeyValuePair<string, Tensor>> outputs, bool replaceExisting = false)
    {
        var folder = Check(directory);
        var files = Files(outputs);
        var existing = files.Keys.Where(f => File.Exists(Path.Combine(folder, f)) || Directory.Exists(Path.Combine(folder, f))).ToList();
        if (existing.Count > 0 && !replaceExisting)
        {
            throw new DiagnosticException(DiagnosticCodes.CliOutputExists,
                $"'{directory}' already holds {string.Join(", ", existing)}; refusing to replace {(existing.Count == 1 ? "it" : "them")} (--force replaces them).");
        }
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DiagnosticException(DiagnosticCodes.CliCannotWrite, $"Cannot create the folder '{directory}': {e.Message}", inner: e);
        }
        var written = new List<string>();
        foreach (var (name, bytes) in files)
        {
            var path = Path.Combine(folder, name);
            AtomicFile.WriteAllBytes(path, bytes());
            written.Add(path);
        }
        return written;
    }

    private static Dictionary<string, Func<byte[]>> Files(IReadOnlyList<KeyValuePair<string, Tensor>> outputs)
    {
        var files = new Dictionary<string, Func<byte[]>>(StringComparer.Ordinal);
        for (var k = 0; k < outputs.Count; k++)
        {
            var (name, tensor) = outputs[k];
            files[$"output_{k}.pb"] = () => OnnxTensors.ToBytes(tensor, name);
            if (tensor.DataType != DataType.String && tensor.DataType != DataType.BFloat16)
            {
                files[$"{Mil.NameScope.Sanitize(name)}.npy"] = () =>
                {
                    using var stream = new MemoryStream();
                    NpyFormat.Write(stream, tensor);
                    return stream.ToArray();
                };
            }
        }
        return files;
    }
}
