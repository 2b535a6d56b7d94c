using System.CommandLine;
using System.Globalization;
using MilForge.Numerics.Io;
using MilForge.Precision;
using MilForge.Precision.Search;
using MilForge.Runtime;

namespace MilForge.Cli.Commands;

/// <summary>
/// <c>milforge debug-precision MODEL [--inputs DIR]... [--samples N] [--seed S] [--json FILE] [--report FILE.html]
/// [-o FIXED.mlpackage] [compare's tolerance options]</c>: FP32 vs FP16 runs with every intermediate captured; origin
/// ops, headroom, errors; with <c>-o</c>, the mixed-precision search and its package. The outputs are held to the
/// criteria of the tolerance options (default elementwise, atol and rtol 1e-2) on every sample, in the verdict and
/// in the search. Exit 0 when the FP16 model is within tolerance, 2 when it
/// produces NaN/Inf where FP32 does not, 1 when it differs otherwise (the fixed package, if any, is written either way).
/// </summary>
internal static class DebugPrecisionCommand
{
    public static Command Create(CliIo io)
    {
        var (output, error) = (io.Output, io.Error);
        var model = new Argument<string>("MODEL") { Description = "A .onnx model (converted with the defaults) or an .mlpackage." };
        var inputs = PrecisionTools.InputsOption();
        var samples = PrecisionTools.SamplesOption();
        var seed = CommandInputs.SeedOption();
        var json = CliIo.JsonOption("{originOps, ops, outputs, ...}");
        var report = new Option<string?>("--report") { Description = "Write a self-contained HTML report to this file." };
        var fixedPackage = new Option<string?>("--output", "-o") { Description = "Search a mixed-precision plan and write that package (and NAME.plan.json)." };
        var budget = PrecisionTools.BudgetOption();
        var accumulation = CommandInputs.AccumulationOption();
        var tolerances = PrecisionTools.ToleranceOptions();
        var top = new Option<int>("--top") { Description = "How many lowest-headroom ops to print.", DefaultValueFactory = _ => 10 };
        var force = OutputOptions.Force();
        var staticBounds = new Option<bool>("--static") { Description = "Run no data: propagate the --input-range intervals through every op and list the ops whose bound passes 65504 or falls below FP16's normal range." };
        var command = new Command("debug-precision", "Find where FP16 breaks, name the ONNX node, and choose mixed precision.")
        {
            model, inputs, samples, seed, json, report, fixedPackage, budget, accumulation, top, force, staticBounds,
        };
        foreach (var option in tolerances)
        {
            command.Add(option);
        }
        var inputOverrides = new InputOverrideOptions();
        inputOverrides.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            if (parse.GetValue(fixedPackage) is { } package)
            {
                OutputOptions.CheckPackage(package, parse.GetValue(force), withPlan: true);
            }
            OutputOptions.CheckFiles(CliIo.JsonFile(parse.GetValue(json)), parse.GetValue(report));
            var policy = PrecisionPolicy.Parse(parse.GetValue(accumulation)!)!;
            var overrides = inputOverrides.Parse(parse);
            ArgumentChecks.InputFolders(parse.GetValue(inputs));
            ArgumentChecks.AtLeast("--samples", parse.GetValue(samples));
            ArgumentChecks.AtLeast("--budget", parse.GetValue(budget));
            ArgumentChecks.AtLeast("--top", parse.GetValue(top), least: 0);
            var toleranceSyntax = PrecisionTools.ParseTolerances(parse, tolerances);
            if (parse.GetValue(staticBounds))
            {
                return StaticBoundsOutput.Run(path, overrides, parse.GetValue(json), parse.GetValue(report), parse.GetValue(fixedPackage) is not null, io);
            }
            var subject = io.Timed("load", () => PrecisionTools.LoadSubject(path, new ConversionOptions(), overrides));
            var criteria = PrecisionTools.Tolerances(toleranceSyntax, subject);
            var set = PrecisionTools.Samples(subject, parse.GetValue(inputs), parse.GetValue(samples), parse.GetValue(seed), output, overrides, error);
            var data = CommandInputs.Values(set);
            output.WriteLine($"Debugging {path}: FP32 reference vs FP16 as converted, {data.Count} sample(s), accumulation {policy.Name}");
            var stats = io.Timed("FP32 and FP16 runs", () => PrecisionTools.Debug(subject, data, policy, criteria));
            foreach (var o in stats.Outputs)
            {
                var c = o.Comparison;
                var decided = o.Check is { } check ? $"; decided by {check.Decision.Text}" : "";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  output {o.Name}: {(c.NewNonFinite > 0 ? $"NaN/Inf in FP16 ({c.NewNonFinite} values)" : o.Passed ? "ok" : "differs")}, max abs {c.MaxAbsError:G4}, max rel {c.MaxRelError:G4}{decided}"));
            }
            output.WriteLine(stats.OriginOps.Count == 0 ? "No origin op: every op's FP16 result is finite and within tolerance when its inputs are." : "Origin ops (FP16 fails here while every input is fine):");
            foreach (var o in stats.OriginOps)
            {
                output.WriteLine("  " + PrecisionTools.Describe(o));
            }
            output.WriteLine($"Lowest headroom to 65504 (log2(65504 / FP32 |max|)):");
            foreach (var o in stats.ByHeadroom.Take(parse.GetValue(top)))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {PrecisionTools.Headroom(o.Headroom),6}  {o.Name} ({o.OpType}) [{o.Origin}] |max| {o.AbsMax:G4}, >65504 {o.BeyondFp16Share:P2}, flush-to-zero {o.FlushToZeroShare:P2}, FP16 max rel err {o.MaxRelError:G3}"));
            }
            SearchResult? search = null;
            if (parse.GetValue(fixedPackage) is { } fixedPath)
            {
                search = io.Timed("search", () => PrecisionTools.Search(subject, data, stats, policy, parse.GetValue(budget), criteria));
                PrecisionTools.PrintSearch(search, output);
                var plan = PrecisionTools.WriteResult(search, fixedPath, path, parse.GetValue(force));
                output.WriteLine($"Wrote {fixedPath} and {plan}");
            }
            io.WriteJson(parse.GetValue(json), () =>
            {
                var root = Precision.Reports.DebugReportJson.ToJson(path, stats, search);
                root["inputs"] = Precision.Reports.InputSetJson.ToJson(set);
                return root.ToJsonString(Precision.Reports.JsonFormat.Indented) + "\n";
            });
            if (parse.GetValue(report) is { } htmlPath)
            {
                AtomicFile.WriteAllText(htmlPath, Precision.Reports.HtmlReport.Write(path, stats, search));
                output.WriteLine($"Wrote {htmlPath}");
            }
            return stats.Fp16ProducesNonFinite ? ExitCodes.NonFinite : stats.Outputs.All(o => o.Passed) ? ExitCodes.Ok : ExitCodes.Differ;
        });
        return command;
    }
}
