using MilForge.Diagnostics;
using MilForge.Onnx.Protos;

namespace MilForge.Onnx.Reading;

/// <summary>
/// Reads tensor bytes stored outside the model (<c>data_location = EXTERNAL</c>). The location must be a relative
/// path inside the model's folder: absolute paths, <c>..</c> escapes and symbolic links that lead outside are
/// rejected (ONNX1003); missing files and short reads are ONNX1004.
/// </summary>
public static class ExternalData
{
    /// <summary>Reads <paramref name="expectedBytes"/> bytes for <paramref name="proto"/>.</summary>
    public static byte[] Read(TensorData proto, string? baseDirectory, string what, long expectedBytes)
    {
        var entries = proto.ExternalData.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        if (!entries.TryGetValue("location", out var location) || string.IsNullOrEmpty(location))
        {
            throw new DiagnosticException(DiagnosticCodes.OnnxExternalDataMissing, $"{what}: external data has no location.");
        }
        if (baseDirectory is null)
        {
            throw new DiagnosticException(DiagnosticCodes.OnnxExternalDataPath, $"{what}: external data '{location}' cannot be resolved here (no model folder).");
        }
        var path = Resolve(baseDirectory, location, what);
        var offset = ParseLong(entries, "offset", 0, what);
        var length = ParseLong(entries, "length", expectedBytes, what);
        if (length != expectedBytes)
        {
            throw new DiagnosticException(DiagnosticCodes.OnnxExternalDataMissing,
                $"{what}: external data length {length} does not match the {expectedBytes} bytes the tensor needs.");
        }
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
            if (offset < 0 || offset + length > stream.Length)
            {
                throw new DiagnosticException(DiagnosticCodes.OnnxExternalDataMissing,
                    $"{what}: external data '{location}' has {stream.Length} bytes; offset {offset} + length {length} is beyond its end.");
            }
            stream.Seek(offset, SeekOrigin.Begin);
            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DiagnosticException(DiagnosticCodes.OnnxExternalDataMissing, $"{what}: cannot read external data '{location}': {e.Message}");
        }
    }

    /// <summary>Resolves a location against the model folder, rejecting anything that leaves it.</summary>
    public static string Resolve(string baseDirectory, string location, string what)
    {
        if (Path.IsPathRooted(location) || location.Contains(':') || location.Contains('\0'))
        {
            throw new DiagnosticException(DiagnosticCodes.OnnxExternalDataPath,
                $"{what}: external data location '{location}' is absolute; only paths relative to the model's folder are allowed.");
        }
        var root = Path.GetFullPath(baseDirectory);
        var full = Path.GetFullPath(Path.Combine(root, location));
        var rootWithSeparator = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootWithSeparator, StringComparison.Ordinal))
        {
            throw new DiagnosticException(DiagnosticCodes.OnnxExternalDataPath,
                $"{what}: external data location '{location}' escapes the model's folder '{root}'.");
        }
        var info = new FileInfo(full);
        if (info.LinkTarget is not null && info.ResolveLinkTarget(true) is { } target
            && !Path.GetFullPath(target.FullName).StartsWith(rootWithSeparator, StringComparison.Ordinal))
        {
            throw new DiagnosticException(DiagnosticCodes.OnnxExternalDataPath,
                $"{what}: external data location '{location}' is a link that leads outside the model's folder.");
        }
        if (!info.Exists)
        {
            throw new DiagnosticException(DiagnosticCodes.OnnxExternalDataMissing, $"{what}: external data file '{location}' does not exist next to the model.");
        }
        return full;
    }

    private static long ParseLong(Dictionary<string, string> entries, string key, long fallback, string what)
    {
        if (!entries.TryGetValue(key, out var text))
        {
            return fallback;
        }
        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v : throw new DiagnosticException(DiagnosticCodes.OnnxExternalDataMissing, $"{what}: external data {key} '{text}' is not a number.");
    }
}
