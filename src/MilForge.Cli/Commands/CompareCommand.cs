using System.CommandLine;
using System.Globalization;
using MilForge.Cli.Models;
using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Numerics;
using MilForge.OnnxRuntime;
using MilForge.Precision.Comparison;
using MilForge.Runtime;

namespace MilForge.Cli.Commands;

/// <summary>
/// <c>milforge compare MODEL.onnx PACKAGE.mlpackage [--inputs DIR] [--atol 1e-4] [--rtol 1e-3]</c>: ONNX Runtime on
/// the ONNX model is the reference, the MilForge interpreter on the package is the candidate. Exit 0 = within
/// tolerance, 1 = outputs differ, 2 = NaN/Inf where the reference is finite, 3 = invalid input or usage.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var onnx = new Argument<string>("MODEL") { Description = "The source .onnx model (run by ONNX Runtime)." };
        var package = new Argument<string>("PACKAGE") { Description = "The .mlpackage or .mlmodel to check (run by the MilForge interpreter)." };
        var inputs = new Option<string?>("--inputs") { Description = "Folder with input_K.pb and/or NAME.npy (default: seeded random inputs)." };
        var atol = new Option<double>("--atol") { Description = "Absolute tolerance.", DefaultValueFactory = _ => 1e-4 };
        var rtol = new Option<double>("--rtol") { Description = "Relative tolerance (of the reference value).", DefaultValueFactory = _ => 1e-3 };
        var accumulation = CommandInputs.AccumulationOption();
        var command = new Command("compare", "Compare a Core ML package with its ONNX source on the same inputs.") { onnx, package, inputs, atol, rtol, accumulation };
        command.SetAction(parse =>
        {
            var onnxPath = parse.GetValue(onnx)!;
            if (!onnxPath.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            {
                throw new DiagnosticException(DiagnosticCodes.CliUsage, $"'{onnxPath}': the first argument must be the .onnx model.");
            }
            var runner = new OrtReferenceRunner();
            var reference = RunnableModel.Load(onnxPath, "onnxruntime", runner);
            var candidate = RunnableModel.Load(parse.GetValue(package)!, "interpreter", null);
            var (a, r) = (parse.GetValue(atol), parse.GetValue(rtol));
            var options = new RunOptions { Policy = PrecisionPolicy.Parse(parse.GetValue(accumulation)!)! };
            output.WriteLine($"Reference: {reference.Description}");
            output.WriteLine($"Candidate: {candidate.Description}");
            output.WriteLine($"  precision found: {candidate.Precision}; accumulation policy: {options.Policy.Name}");
            var values = CommandInputs.Resolve(parse.GetValue(inputs), reference.Inputs, output);
            var expected = reference.Run(values, options);
            var actual = candidate.Run(MapInputs(values, reference, candidate), options);
            var comparisons = Pair(expected, actual).Select(p => TensorComparer.Compare(p.Name, p.Reference, p.Candidate, a, r)).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Tolerance: |candidate - reference| <= {a:G3} + {r:G3}*|reference|"));
            foreach (var c in comparisons)
            {
                output.WriteLine("  " + Describe(c));
            }
            var verdict = Verdicts.Of(comparisons);
            output.WriteLine(verdict switch
            {
                ComparisonVerdict.Pass => "PASS: every output is within tolerance.",
                ComparisonVerdict.NonFinite => "FAIL: the package produces NaN/Inf where the reference is finite (exit 2).",
                _ => "FAIL: outputs differ beyond tolerance (exit 1).",
            });
            return (int)verdict;
        });
        return command;
    }

    private static string Describe(OutputComparison c)
    {
        if (c.Detail is not null)
        {
            return $"{c.Name}: FAIL {c.Detail}";
        }
        var status = c.Passed ? "ok  " : "FAIL";
        var nonFinite = c.CandidateNaN + c.CandidateInf + c.ReferenceNaN + c.ReferenceInf > 0
            ? $", NaN/Inf candidate {c.CandidateNaN}/{c.CandidateInf} reference {c.ReferenceNaN}/{c.ReferenceInf}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{c.Name}: {status} max abs {c.MaxAbsError:G4}, max rel {c.MaxRelError:G4}, mismatches {c.Mismatches}/{c.Elements}{nonFinite}");
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
