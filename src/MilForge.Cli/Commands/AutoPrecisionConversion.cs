using System.CommandLine;
using System.Text.Json.Nodes;
using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Mil.Passes.Fp16;
using MilForge.Numerics.Io;
using MilForge.Onnx.Import;
using MilForge.Onnx.Reading;
using MilForge.Precision;
using MilForge.Precision.Comparison;
using MilForge.Precision.Debugging;
using MilForge.Precision.Inputs;
using MilForge.Precision.Plans;
using MilForge.Precision.Reports;
using MilForge.Runtime;

namespace MilForge.Cli.Commands;

/// <summary>
/// <c>convert --precision auto</c>: convert, run FP32 and FP16 over the samples with every intermediate captured, then
/// search the smallest set of ops to keep in FP32 (seeded by the range statistics and origin ops; when they do not
/// explain the failure, the ops with the largest local FP16 error, k by bisection, with the trade-off table printed;
/// verified and shrunk by evaluations), and write the package, its plan (<c>NAME.plan.json</c>) and the report. Exit 0 when the chosen
/// program is verified against FP32 on every sample, 1 when no plan within the budget was (the package is written
/// with the fallback the search chose, and the log says why).
/// </summary>
internal static class AutoPrecisionConversion
{
    /// <summary>The options only <c>--precision auto</c> uses.</summary>
    public sealed class AutoOptions
    {
        public Option<string[]> Inputs { get; } = PrecisionTools.InputsOption();

        public Option<int> Samples { get; } = PrecisionTools.SamplesOption();

        public Option<int> Seed { get; } = CommandInputs.SeedOption();

        public Option<int> Budget { get; } = PrecisionTools.BudgetOption();

        public Option<string> Accumulation { get; } = CommandInputs.AccumulationOption();

        /// <summary>compare's tolerance options (atol and rtol default 1e-2): the criteria every output must meet against FP32.</summary>
        public Option<string[]>[] Tolerances { get; } = PrecisionTools.ToleranceOptions();

        public Option<string?> Report { get; } = new("--report") { Description = "auto: write a self-contained HTML report (per-op statistics, origin ops, plan)." };

        private IEnumerable<Option> All => [Inputs, Samples, Seed, Budget, Accumulation, .. Tolerances, Report];

        public void AddTo(Command command)
        {
            foreach (var option in All)
            {
                command.Options.Add(option);
            }
        }

        /// <summary>Refuses auto-only options on fixed-precision conversions instead of ignoring them.</summary>
        public void RejectIfGiven(ParseResult parse)
        {
            var given = All.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();
            if (given.Count > 0)
            {
                throw new DiagnosticException(DiagnosticCodes.CliUsage, $"{string.Join(", ", given)} appl{(given.Count == 1 ? "ies" : "y")} to --precision auto only.");
            }
        }
    }

    public static int Run(ParseResult parse, AutoOptions auto, string path, string destination, ConversionOptions options, InputOverrides overrides,
        OpPatterns? patterns, PrecisionPlan? plan, string? jsonPath, bool force, CliIo io)
    {
        var (output, error) = (io.Output, io.Error);
        var policy = PrecisionPolicy.Parse(parse.GetValue(auto.Accumulation)!)!;
        var budget = parse.GetValue(auto.Budget);
        ArgumentChecks.AtLeast("--budget", budget);
        ArgumentChecks.AtLeast("--samples", parse.GetValue(auto.Samples));
        ArgumentChecks.InputFolders(parse.GetValue(auto.Inputs));
        var toleranceSyntax = PrecisionTools.ParseTolerances(parse, auto.Tolerances);
        var onnx = io.Timed("read", () => OnnxModel.Load(path));
        options = InputOverrideOptions.Apply(options, overrides, OnnxConversion.InputSignatures(onnx), path);
        var subject = PrecisionSubject.FromOnnx(onnx, options);
        ConvertCommand.WarnUnmatched(patterns, plan, subject.Fp32, error);
        var criteria = PrecisionTools.Tolerances(toleranceSyntax, subject);
        var set = PrecisionTools.Samples(subject, parse.GetValue(auto.Inputs), parse.GetValue(auto.Samples), parse.GetValue(auto.Seed), output, overrides, error);
        var samples = CommandInputs.Values(set);
        output.WriteLine($"Converting {path} (opset {onnx.DefaultOpset}, {onnx.NodeOpTypes.Count} nodes) with automatic mixed precision: {samples.Count} sample(s), accumulation {policy.Name}");
        output.WriteLine($"  outputs held to: {Describe(criteria)}");
        var stats = io.Timed("all-FP16 debug run", () => PrecisionTools.Debug(subject, samples, policy, criteria));
        output.WriteLine(stats.OriginOps.Count == 0
            ? $"  all-FP16 run: no origin op{(stats.Fp16ProducesNonFinite ? "" : ", outputs finite")}"
            : $"  all-FP16 run: {stats.OriginOps.Count} origin op(s){(stats.Fp16ProducesNonFinite ? ", outputs hold NaN/Inf" : "")}");
        foreach (var o in stats.OriginOps)
        {
            output.WriteLine("    " + PrecisionTools.Describe(o));
        }
        var search = io.Timed("search", () => PrecisionTools.Search(subject, samples, stats, policy, budget, criteria));
        var build = search.Build;
        var conversion = new ConversionResult(new ImportResult(build.Program, [], [], subject.ImportDiagnostics), build.Report, PrecisionSummary.Of(build.Program));
        foreach (var d in conversion.Diagnostics)
        {
            error.WriteLine(d);
        }
        var planPath = PrecisionTools.WriteResult(search, destination, path, force);
        output.WriteLine($"Converted to {destination}");
        output.WriteLine($"  target {options.Target} (spec {options.Target.SpecificationVersion()}, {options.Target.Opset()}), precision {conversion.Summary}");
        PrecisionTools.PrintSearch(search, output);
        foreach (var (op, origin, reason) in (build.Report?.KeptFp32 ?? []).Where(k => !search.Kept.Any(s => s.Op == k.Op)))
        {
            output.WriteLine($"  FP32: {op} [{origin}] — {reason}");
        }
        output.WriteLine($"  plan: {planPath} (reuse with --precision-plan)");
        if (!search.Verified)
        {
            error.WriteLine($"error {DiagnosticCodes.PrcSearchUnverified}: no plan within {budget} evaluation(s) matched FP32 under {Describe(criteria)}; the package keeps the fallback shown above.");
        }
        io.WriteJson(jsonPath, () =>
        {
            var debug = DebugReportJson.ToJson(path, stats, search);
            var autoJson = new JsonObject
            {
                ["samples"] = samples.Count,
                ["inputs"] = InputSetJson.ToJson(set),
                ["accumulationPolicy"] = policy.Name,
                ["plan"] = planPath,
                ["criteria"] = PrecisionTools.CriteriaJson(criteria, subject),
                ["originOps"] = debug["originOps"]!.DeepClone(),
                ["search"] = debug["search"]!.DeepClone(),
            };
            return ConversionReportJson.Write(path, destination, options, conversion, autoJson);
        }, "  report: {0}");
        if (parse.GetValue(auto.Report) is { } htmlPath)
        {
            AtomicFile.WriteAllText(htmlPath, HtmlReport.Write(path, stats, search));
            output.WriteLine($"  HTML report: {htmlPath}");
        }
        return search.Verified ? ExitCodes.Ok : ExitCodes.Differ;
    }

    private static string Describe(OutputTolerances criteria) =>
        criteria.Overrides.Count == 0 ? Describe(criteria.Default) : $"{Describe(criteria.Default)} (and {criteria.Overrides.Count} per-output override(s))";

    private static string Describe(ToleranceSpec t) => t.IsCriterion
        ? FormattableString.Invariant($"{t.ModeText} {(t.HigherIsBetter ? ">=" : "<=")} {t.Threshold}")
        : FormattableString.Invariant($"{t.StatName}, atol {t.Atol}, rtol {t.Rtol}");
}
