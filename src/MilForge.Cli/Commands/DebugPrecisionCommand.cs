using System.CommandLine;
using System.Globalization;
using MilForge.Precision;
using MilForge.Precision.Search;
using MilForge.Runtime;

namespace MilForge.Cli.Commands;

/// <summary>
/// <c>milforge debug-precision MODEL [--inputs DIR]... [--samples N] [--json FILE] [--report FILE.html]
/// [-o FIXED.mlpackage]</c>: FP32 vs FP16 runs with every intermediate captured; origin ops, headroom, errors; with
/// <c>-o</c>, the mixed-precision search and its package. Exit 0 when the FP16 model is within tolerance, 2 when it
/// produces NaN/Inf where FP32 does not, 1 when it differs otherwise (the fixed package, if any, is written either way).
/// </summary>
internal static class DebugPrecisionCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new Argument<string>("MODEL") { Description = "A .onnx model (converted with the defaults) or an .mlpackage." };
        var inputs = PrecisionTools.InputsOption();
        var samples = PrecisionTools.SamplesOption();
        var json = new Option<string?>("--json") { Description = "Write {originOps, ops, outputs, ...} to this file." };
        var report = new Option<string?>("--report") { Description = "Write a self-contained HTML report to this file." };
        var fixedPackage = new Option<string?>("--output", "-o") { Description = "Search a mixed-precision plan and write that package (and NAME.plan.json)." };
        var budget = PrecisionTools.BudgetOption();
        var accumulation = CommandInputs.AccumulationOption();
        var atol = new Option<double>("--atol") { Description = "Absolute tolerance for outputs.", DefaultValueFactory = _ => 1e-2 };
        var rtol = new Option<double>("--rtol") { Description = "Relative tolerance for outputs.", DefaultValueFactory = _ => 1e-2 };
        var top = new Option<int>("--top") { Description = "How many lowest-headroom ops to print.", DefaultValueFactory = _ => 10 };
        var staticBounds = new Option<bool>("--static") { Description = "Run no data: propagate the --input-range intervals through every op and list the ops whose bound passes 65504 or falls below FP16's normal range." };
        var command = new Command("debug-precision", "Find where FP16 breaks, name the ONNX node, and choose mixed precision.")
        {
            model, inputs, samples, json, report, fixedPackage, budget, accumulation, atol, rtol, top, staticBounds,
        };
        var inputOverrides = new InputOverrideOptions();
        inputOverrides.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            var policy = PrecisionPolicy.Parse(parse.GetValue(accumulation)!)!;
            var overrides = inputOverrides.Parse(parse);
            if (parse.GetValue(staticBounds))
            {
                return StaticBoundsOutput.Run(path, overrides, parse.GetValue(json), parse.GetValue(report), parse.GetValue(fixedPackage) is not null, output);
            }
            var subject = PrecisionTools.LoadSubject(path, new ConversionOptions(), overrides);
            var data = PrecisionTools.Samples(subject, parse.GetValue(inputs), parse.GetValue(samples), output, overrides);
            output.WriteLine($"Debugging {path}: FP32 reference vs FP16 as converted, {data.Count} sample(s), accumulation {policy.Name}");
            var stats = PrecisionTools.Debug(subject, data, policy);
            foreach (var o in stats.Outputs)
            {
                var c = o.Comparison;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  output {o.Name}: {(c.NewNonFinite > 0 ? $"NaN/Inf in FP16 ({c.NewNonFinite} values)" : c.Passed ? "ok" : "differs")}, max abs {c.MaxAbsError:G4}, max rel {c.MaxRelError:G4}"));
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
                search = PrecisionTools.Search(subject, data, stats, policy, parse.GetValue(budget), parse.GetValue(atol), parse.GetValue(rtol));
                PrecisionTools.PrintSearch(search, output);
                var plan = PrecisionTools.WriteResult(search, fixedPath, path);
                output.WriteLine($"Wrote {fixedPath} and {plan}");
            }
            if (parse.GetValue(json) is { } jsonPath)
            {
                File.WriteAllText(jsonPath, Precision.Reports.DebugReportJson.Write(path, stats, search));
                output.WriteLine($"Wrote {jsonPath}");
            }
            if (parse.GetValue(report) is { } htmlPath)
            {
                File.WriteAllText(htmlPath, Precision.Reports.HtmlReport.Write(path, stats, search));
                output.WriteLine($"Wrote {htmlPath}");
            }
            return stats.Fp16ProducesNonFinite ? ExitCodes.NonFinite : stats.Outputs.All(o => o.Comparison.Passed) ? ExitCodes.Ok : ExitCodes.Differ;
        });
        return command;
    }
}
