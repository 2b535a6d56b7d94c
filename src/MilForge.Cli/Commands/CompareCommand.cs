using System.CommandLine;
using MilForge.Cli.Models;
using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Numerics;
using MilForge.Numerics.Io;
using MilForge.OnnxRuntime;
using MilForge.Precision.Comparison;
using MilForge.Precision.Reports;
using MilForge.Runtime;

namespace MilForge.Cli.Commands;

/// <summary>
/// <c>milforge compare MODEL.onnx PACKAGE.mlpackage [--inputs DIR] [--atol [NAME:]1e-4]... [--rtol [NAME:]1e-3]...
/// [--check-error-stat [NAME:]MODE]... [--error-quantile|--cosine|--psnr|--rel-l2|--topk-agreement [NAME:]VALUE]...
/// [--json FILE] [--report FILE.html]</c>: ONNX
/// Runtime on the ONNX model is the reference, the MilForge interpreter on the package is the candidate. Exit 0 =
/// within tolerance, 1 = outputs differ, 2 = NaN/Inf where the reference is finite (in every mode), 3 = invalid input
/// or usage (including tolerances naming an output the model does not have).
/// </summary>
internal static class CompareCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var onnx = new Argument<string>("MODEL") { Description = "The source .onnx model (run by ONNX Runtime)." };
        var package = new Argument<string>("PACKAGE") { Description = "The .mlpackage or .mlmodel to check (run by the MilForge interpreter)." };
        var inputs = new Option<string?>("--inputs") { Description = "Folder with input_K.pb and/or NAME.npy (default: seeded random inputs)." };
        var tolerances = CompareTolerances.Options();
        var json = new Option<string?>("--json") { Description = "Write the verdict, tolerances and per-output statistics to this JSON file." };
        var report = new Option<string?>("--report") { Description = "Write a self-contained HTML report to this file." };
        var accumulation = CommandInputs.AccumulationOption();
        var command = new Command("compare", "Compare a Core ML package with its ONNX source on the same inputs.") { onnx, package, inputs, accumulation, json, report };
        foreach (var option in tolerances)
        {
            command.Add(option);
        }
        var inputOverrides = new InputOverrideOptions();
        inputOverrides.AddTo(command);
        command.SetAction(parse =>
        {
            var onnxPath = parse.GetValue(onnx)!;
            if (!onnxPath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            {
                throw new DiagnosticException(DiagnosticCodes.CliUsage, $"'{onnxPath}': the first argument must be the .onnx model.");
            }
            OutputOptions.CheckFiles(parse.GetValue(json), parse.GetValue(report));
            var tolerance = CompareTolerances.Parse(parse, tolerances);
            var runner = new OrtReferenceRunner();
            var overrides = inputOverrides.Parse(parse);
            var reference = RunnableModel.Load(onnxPath, "onnxruntime", runner, overrides: overrides);
            var candidate = RunnableModel.Load(parse.GetValue(package)!, "interpreter", null);
            var options = new RunOptions { Policy = PrecisionPolicy.Parse(parse.GetValue(accumulation)!)! };
            output.WriteLine($"Reference: {reference.Description}");
            output.WriteLine($"Candidate: {candidate.Description}");
            output.WriteLine($"  precision found: {candidate.Precision}; accumulation policy: {options.Policy.Name}");
            var values = CommandInputs.Resolve(parse.GetValue(inputs), reference.Inputs, output, overrides);
            var expected = reference.Run(values, options);
            tolerance.Validate([.. expected.Select(e => e.Key)]);
            var actual = candidate.Run(MapInputs(values, reference, candidate), options);
            var checks = Pair(expected, actual).Select(p => OutputCheck.Check(p.Name, p.Reference, p.Candidate, tolerance.For(p.Name))).ToList();
            output.WriteLine($"Tolerance: {CompareText.Rule(tolerance.Default)}");
            foreach (var c in checks.Where(c => c.Tolerance != tolerance.Default))
            {
                output.WriteLine($"  for {c.Name}: {CompareText.Rule(c.Tolerance)}");
            }
            foreach (var c in checks)
            {
                output.WriteLine("  " + CompareText.Verdict(c));
                if (CompareText.Statistics(c) is { } line)
                {
                    output.WriteLine("      " + line);
                }
            }
            var result = new CompareReport(reference.Description, candidate.Description, candidate.Precision, options.Policy.Name, checks);
            Write(parse.GetValue(json), () => CompareReportJson.Write(result), output);
            Write(parse.GetValue(report), () => CompareHtmlReport.Write(result), output);
            output.WriteLine(result.Verdict switch
            {
                ComparisonVerdict.Pass => "PASS: every output is within tolerance.",
                ComparisonVerdict.NonFinite => "FAIL: the package produces NaN/Inf where the reference is finite (exit 2).",
                _ => "FAIL: outputs differ beyond tolerance (exit 1).",
            });
            return (int)result.Verdict;
        });
        return command;
    }

    private static void Write(string? path, Func<string> content, TextWriter output)
    {
        if (path is null)
        {
            return;
        }
        AtomicFile.WriteAllText(path, content());
        output.WriteLine($"Wrote {path}");
    }

    /// <summary>Package inputs by name (exact or sanitized) or else by position.</summary>
    private static Dictionary<string, Tensor> MapInputs(Dictionary<string, Tensor> values, RunnableModel reference, RunnableModel candidate)
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (var i = 0; i < candidate.Inputs.Count; i++)
        {
            var name = candidate.Inputs[i].Name;
            var source = reference.Inputs.FirstOrDefault(s => s.Name == name) ?? reference.Inputs.FirstOrDefault(s => NameScope.Sanitize(s.Name) == name)
                ?? (i < reference.Inputs.Count ? reference.Inputs[i]
                    : throw new DiagnosticException(DiagnosticCodes.PrcOutputMismatch, $"Package input '{name}' has no counterpart in the ONNX model."));
            result[name] = values[source.Name];
        }
        return result;
    }

    private static IEnumerable<(string Name, Tensor Reference, Tensor Candidate)> Pair(
        IReadOnlyList<KeyValuePair<string, Tensor>> expected, IReadOnlyList<KeyValuePair<string, Tensor>> actual)
    {
        if (expected.Count != actual.Count)
        {
            throw new DiagnosticException(DiagnosticCodes.PrcOutputMismatch,
                $"The ONNX model has {expected.Count} output(s) and the package {actual.Count}.");
        }
        for (var i = 0; i < expected.Count; i++)
        {
            var (name, reference) = expected[i];
            var match = actual.FirstOrDefault(p => p.Key == name || p.Key == NameScope.Sanitize(name));
            yield return (name, reference, match.Value ?? actual[i].Value);
        }
    }
}
