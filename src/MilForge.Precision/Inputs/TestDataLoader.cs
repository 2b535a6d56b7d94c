using System.Text.RegularExpressions;
using MilForge.Diagnostics;
using MilForge.Numerics;
using MilForge.Numerics.Io;
using MilForge.Onnx.Reading;

namespace MilForge.Precision.Inputs;

/// <summary>
/// Loads model inputs from a folder in the ONNX test-data layout: <c>input_K.pb</c> (TensorProto, bound to the K-th
/// model input) and/or <c>NAME.npy</c> (bound by name; the name may be the ONNX or the sanitized MIL spelling); or
/// a folder of such sample folders (<c>test_data_set_0</c>, <c>test_data_set_1</c>, …), a calibration set.
/// </summary>
public static partial class TestDataLoader
{
    /// <summary>
    /// The samples of <paramref name="directory"/>: itself when it holds input files, else every subfolder that does
    /// (in natural order: <c>set_2</c> before <c>set_10</c>), each named by its folder.
    /// </summary>
    public static IReadOnlyList<InputSample> LoadSamples(string directory, IReadOnlyList<TensorSignature> signatures)
    {
        if (!Directory.Exists(directory))
        {
            throw new DiagnosticException(DiagnosticCodes.CliBadFile, $"Input folder '{directory}' does not exist.");
        }
        if (HoldsInputs(directory))
        {
            return [new InputSample(Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)), Load(directory, signatures))];
        }
        var folders = Directory.GetDirectories(directory).Where(HoldsInputs).OrderBy(NaturalKey, StringComparer.Ordinal).ToList();
        if (folders.Count == 0)
        {
            throw new DiagnosticException(DiagnosticCodes.RunBadInput,
                $"'{directory}' holds no input_K.pb or NAME.npy, and no sample folders with them (e.g. test_data_set_0/input_0.pb).");
        }
        return [.. folders.Select(f => new InputSample(Path.GetFileName(f), Load(f, signatures)))];
    }

    private static bool HoldsInputs(string directory) =>
        Directory.EnumerateFiles(directory, "*.npy").Any() || Directory.EnumerateFiles(directory, "input_*.pb").Any(f => InputFileRegex().IsMatch(Path.GetFileName(f)));

    /// <summary>The folder name with every run of digits padded, so that numbers sort by value.</summary>
    private static string NaturalKey(string path) => DigitsRegex().Replace(Path.GetFileName(path), m => m.Value.PadLeft(20, '0'));

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

    [GeneratedRegex(@"\d+")]
    private static partial Regex DigitsRegex();
}
