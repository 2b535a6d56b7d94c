using System.CommandLine;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MilForge.Diagnostics;
using MilForge.Numerics.Io;
using MilForge.Precision.Conformance;

namespace MilForge.Cli.Commands;

/// <summary><c>milforge conformance DIR [--filter REGEX] [--json FILE|-]</c>: ONNX backend tests through convert + interpret (every test with the global <c>--verbose</c>, failures otherwise).</summary>
internal static class ConformanceCommand
{
    public static Command Create(CliIo io)
    {
        var (output, error) = (io.Output, io.Error);
        var directory = new Argument<string>("DIR") { Description = "A folder of ONNX backend tests (e.g. onnx-backend-tests/ or its node/ subfolder)." };
        var filter = new Option<string?>("--filter") { Description = "Only tests whose folder name matches this regular expression." };
        var json = CliIo.JsonOption("{passed, failed, unsupported, total, byOp, tests}");
        var knownFailures = new Option<string?>("--known-failures") { Description = "Check the run against this known-failures file (the ratchet): exit 1 when a test fails unlisted, a listed test passes, or a suite drops below its baseline." };
        var writeKnownFailures = new Option<string?>("--write-known-failures") { Description = "Write the known-failures file for this run (reasons from reasons.txt beside it where a pattern matches, else the outcome and message)." };
        var supportedOps = new Option<string?>("--supported-ops") { Description = "Write the supported-ops document (Markdown) from the converter registry and this run." };
        var command = new Command("conformance", "Run ONNX backend conformance tests through convert + interpret (FP32).")
        {
            directory, filter, json, knownFailures, writeKnownFailures, supportedOps,
        };
        command.SetAction(parse =>
        {
            var root = parse.GetValue(directory)!;
            if (!Directory.Exists(root))
            {
                throw new DiagnosticException(DiagnosticCodes.CliBadFile, $"'{root}' is not a folder.");
            }
            OutputOptions.CheckFiles(CliIo.JsonFile(parse.GetValue(json)), parse.GetValue(writeKnownFailures), parse.GetValue(supportedOps));
            Regex? pattern;
            try
            {
                pattern = parse.GetValue(filter) is { } f ? new Regex(f) : null;
            }
            catch (ArgumentException e)
            {
                throw new DiagnosticException(DiagnosticCodes.CliUsage, $"--filter is not a valid regular expression: {e.Message}");
            }
            var runner = new ConformanceRunner();
            var results = new List<ConformanceResult>();
            var tests = ConformanceRunner.FindTests(root).Where(t => pattern?.IsMatch(Path.GetFileName(t)) ?? true).ToList();
            io.Steps("tests", tests, (test, lines) =>
            {
                var result = runner.Run(test, root);
                results.Add(result);
                if (result.Outcome == ConformanceOutcome.Failed || io.Verbose)
                {
                    lines.WriteLine($"{result.Outcome.ToString().ToLowerInvariant(),-11} {result.Suite}/{result.Name}: {result.Message}");
                }
            });
            Print(results, output);
            io.WriteJson(parse.GetValue(json), () => ToJson(results));
            if (parse.GetValue(writeKnownFailures) is { } writePath)
            {
                var reasonsPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(writePath))!, "reasons.txt");
                var reasons = File.Exists(reasonsPath) ? KnownFailures.ParseReasons(File.ReadAllText(reasonsPath)) : null;
                AtomicFile.WriteAllText(writePath, KnownFailures.Format(results, reasons));
                output.WriteLine($"Wrote {writePath}");
            }
            if (parse.GetValue(supportedOps) is { } docPath)
            {
                AtomicFile.WriteAllText(docPath, SupportedOpsDocument.Write(Onnx.Import.ConverterRegistry.Default, Mil.Ops.OpCatalog.Default, results));
                output.WriteLine($"Wrote {docPath}");
            }
            if (parse.GetValue(knownFailures) is { } checkPath)
            {
                if (!File.Exists(checkPath))
                {
                    throw new DiagnosticException(DiagnosticCodes.CliBadFile, $"'{checkPath}' does not exist.");
                }
                var problems = KnownFailures.Parse(File.ReadAllText(checkPath)).Check(results);
                foreach (var problem in problems)
                {
                    output.WriteLine($"ratchet: {problem}");
                }
                output.WriteLine(problems.Count == 0 ? $"The run keeps the ratchet of {checkPath}." : $"{problems.Count} problem(s) against {checkPath}.");
                return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Differ;
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(List<ConformanceResult> results, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine($"{"op",-34} {"passed",7} {"failed",7} {"unsupp.",8}");
        foreach (var group in results.GroupBy(r => r.Op).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var c = ConformanceCounts.Of(group);
            output.WriteLine($"{group.Key,-34} {c.Passed,7} {c.Failed,7} {c.Unsupported,8}");
        }
        foreach (var suite in results.GroupBy(r => r.Suite).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var c = ConformanceCounts.Of(suite);
            output.WriteLine($"suite {suite.Key}: {c.Passed} passed, {c.Failed} failed, {c.Unsupported} unsupported, {c.Total} total");
        }
        var all = ConformanceCounts.Of(results);
        output.WriteLine($"total: {all.Passed} passed, {all.Failed} failed, {all.Unsupported} unsupported, {all.Total} tests");
        var frozen = results.Count(r => r.FrozenInputs is { Count: > 0 });
        if (frozen > 0)
        {
            output.WriteLine($"({frozen} of the passed tests feed shapes, axes, indices or scales as graph inputs; they were converted with those inputs frozen to the test's values)");
        }
    }

    private static string ToJson(List<ConformanceResult> results)
    {
        static JsonObject Counts(ConformanceCounts c) => new() { ["passed"] = c.Passed, ["failed"] = c.Failed, ["unsupported"] = c.Unsupported, ["total"] = c.Total };
        var all = ConformanceCounts.Of(results);
        var byOp = new JsonObject();
        foreach (var group in results.GroupBy(r => r.Op).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            byOp[group.Key] = Counts(ConformanceCounts.Of(group));
        }
        var bySuite = new JsonObject();
        foreach (var group in results.GroupBy(r => r.Suite).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            bySuite[group.Key] = Counts(ConformanceCounts.Of(group));
        }
        var tests = new JsonArray([.. results.Select(r => (JsonNode)new JsonObject
        {
            ["name"] = r.Name,
            ["suite"] = r.Suite,
            ["op"] = r.Op,
            ["outcome"] = r.Outcome.ToString().ToLowerInvariant(),
            ["message"] = r.Message,
            ["frozenInputs"] = new JsonArray([.. (r.FrozenInputs ?? []).Select(f => (JsonNode)f)]),
        })]);
        var root = new JsonObject
        {
            ["passed"] = all.Passed,
            ["failed"] = all.Failed,
            ["unsupported"] = all.Unsupported,
            ["total"] = all.Total,
            ["byOp"] = byOp,
            ["bySuite"] = bySuite,
            ["tests"] = tests,
        };
        return root.ToJsonString(MilForge.Precision.Reports.JsonFormat.Indented);
    }
}
