using System.CommandLine;
using System.Text.Json.Nodes;
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
/// <c>milforge compare MODEL.onnx PACKAGE.mlpackage [--inputs DIR]... [--samples N] [--seed S] [--atol [NAME:]1e-4]... [--rtol [NAME:]1e-3]...
/// [--check-error-stat [NAME:]MODE]... [--error-quantile|--cosine|--psnr|--rel-l2|--topk-agreement [NAME:]VALUE]...
/// [--json FILE] [--report FILE.html]</c>: ONNX
/// Runtime on the ONNX model is the reference, the MilForge interpreter on the package is the candidate. Exit 0 =
/// within tolerance, 1 = outputs differ, 2 = NaN/Inf where the reference is finite (in every mode), 3 = invalid input
/// or usage (including tolerances naming an output the model does not have).
/// </summary>
internal static class CompareCommand
{
    public static Command Create(CliIo io)
    {
        var (output, error) = (io.Output, io.Error);
        var onnx = new Argument<string>("MODEL") { Description = "The source .onnx model (run by ONNX Runtime)." };
        var package = new Argument<string>("PACKAGE") { Description = "The .mlpackage or .mlmodel to check (run by the MilForge interpreter)." };
        var inputs = PrecisionTools.InputsOption();
        var samples = new Option<int>("--samples") { Description = "Seeded random samples to compare when no --inputs is given (default 1; seeds --seed, --seed+1, ...).", DefaultValueFactory = _ => 1 };
        var seed = CommandInputs.SeedOption();
        var tolerances = CompareTolerances.Options();
        var json = CliIo.JsonOption("the verdict, tolerances and per-output statistics");
        var report = new Option<string?>("--report") { Description = "Write a self-contained HTML report to this file." };
        var accumulation = CommandInputs.AccumulationOption();
        var command = new Command("compare", "Compare a Core ML package with its ONNX source on the same inputs.") { onnx, package, inputs, samples, seed, accumulation, json, report };
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
            OutputOptions.CheckFiles(CliIo.JsonFile(parse.GetValue(json)), parse.GetValue(report));
            var policy = PrecisionPolicy.Parse(parse.GetValue(accumulation)!)!;
            var tolerance = CompareTolerances.Parse(parse, tolerances);
            ArgumentChecks.InputFolders(parse.GetValue(inputs));
            ArgumentChecks.AtLeast("--samples", parse.GetValue(samples));
            var runner = new OrtReferenceRunner();
            var overrides = inputOverrides.Parse(parse);
            var reference = RunnableModel.Load(onnxPath, "onnxruntime", runner, overrides: overrides);
            var candidate = RunnableModel.Load(parse.GetValue(package)!, "interpreter", null);
            var options = new RunOptions { Policy = policy };
            output.WriteLine($"Reference: {reference.Description}");
            output.WriteLine($"Candidate: {candidate.Description}");
            output.WriteLine($"  precision found: {candidate.Precision}; accumulation policy: {options.Policy.Name}");
            var set = CommandInputs.Resolve(parse.GetValue(inputs), reference.Inputs, output, overrides, candidate.Program, parse.GetValue(samples), parse.GetValue(seed), error);
            var runs = io.Timed("runs", () => CompareSamples.Run(set, reference, candidate, options, values => MapInputs(values, reference, candidate), Pair));
            tolerance.Validate([.. runs.Names]);
            var checks = CompareSamples.Check(runs, tolerance.For);
            var verdicts = CompareSamples.Verdicts(set, runs, tolerance.For);
            if (set.Samples.Count > 1)
            {
                output.WriteLine($"{set.Samples.Count} samples; each output is checked over all of them (stacked along a new axis 0):");
                foreach (var (sample, verdict) in verdicts)
                {
                    output.WriteLine($"  sample {sample}: {Verdicts.Name(verdict)}");
                }
            }
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
            io.WriteJson(parse.GetValue(json), () =>
            {
                var root = CompareReportJson.ToJson(result);
                root["inputs"] = InputSetJson.ToJson(set);
                root["samples"] = new JsonArray([.. verdicts.Select(v => (JsonNode)new JsonObject { ["name"] = v.Sample, ["verdict"] = Verdicts.Name(v.Verdict) })]);
                return root.ToJsonString(JsonFormat.Indented) + "\n";
            });
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
