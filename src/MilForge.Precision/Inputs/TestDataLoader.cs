using System.Text.RegularExpressions;
using MilForge.Diagnostics;
using MilForge.Numerics;
using MilForge.Numerics.Io;
using MilForge.Onnx.Reading;

namespace MilForge.Precision.Inputs;

/// <summary>
/// Loads model inputs from a folder in the ONNX test-data layout: <c>input_K.pb</c> (TensorProto, bound to the K-th
/// model input) and/or <c>NAME.npy</c> (bound by name; the name may be the ONNX or the sanitized MIL spelling).
/// </summary>
public static partial class TestDataLoader
{
    /// <summary>Loads inputs for <paramref name="signatures"/> (in model order) from <paramref name="directory"/>.</summary>
    public static Dictionary<string, Tensor> Load(string directory, IReadOnlyList<TensorSignature> signatures)
    {
        if (!Directory.Exists(directory))
        {
            throw new DiagnosticException(DiagnosticCodes.CliBadFile, $"Input folder '{directory}' does not exist.");
        }
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(directory, "input_*.pb").Order(StringComparer.Ordinal))
        {
            var match = InputFileRegex().Match(Path.GetFileName(file));
            if (!match.Success)
            {
                continue;
            }
            var index = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (index >= signatures.Count)
            {
                throw new DiagnosticException(DiagnosticCodes.RunBadInput,
                    $"'{file}' is input {index}, but the model has only {signatures.Count} input(s): {string.Join(", ", signatures.Select(s => s.Name))}.");
            }
            result[signatures[index].Name] = OnnxTensors.ReadFile(file).Tensor;
        }
        foreach (var file in Directory.GetFiles(directory, "*.npy").Order(StringComparer.Ordinal))
        {
            var stem = Path.GetFileNameWithoutExtension(file);
            var signature = signatures.FirstOrDefault(s => s.Name == stem)
                ?? signatures.FirstOrDefault(s => Mil.NameScope.Sanitize(s.Name) == Mil.NameScope.Sanitize(stem))
                ?? throw new DiagnosticException(DiagnosticCodes.RunBadInput,
                    $"'{file}' does not name a model input; the inputs are {string.Join(", ", signatures.Select(s => s.Name))}.");
            result[signature.Name] = NpyFormat.Read(file);
        }
        var missing = signatures.Where(s => !result.ContainsKey(s.Name)).ToList();
        if (missing.Count > 0)
        {
            throw new DiagnosticException(DiagnosticCodes.RunBadInput,
                $"'{directory}' has no data for input(s) {string.Join(", ", missing)} (expected input_K.pb or NAME.npy).");
        }
        return result;
    }

    [GeneratedRegex(@"^input_(\d+)\.pb$")]
    private static partial Regex InputFileRegex();
}
