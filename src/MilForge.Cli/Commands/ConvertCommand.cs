using System.CommandLine;
using MilForge.CoreML.Package;
using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Mil.Passes.Fp16;
using MilForge.Onnx.Reading;
using MilForge.Precision;
using MilForge.Precision.Plans;

namespace MilForge.Cli.Commands;

/// <summary>
/// <c>milforge convert MODEL.onnx -o OUT.mlpackage [--precision fp16|fp32] [--target iOS16] [--io-dtype fp16|fp32]
/// [--fp32-ops LIST] [--precision-plan plan.json] [--on-weight-overflow auto|keep-fp32|saturate|error] [--json FILE] [--force]</c>;
/// with <c>--precision auto</c> also <c>[--inputs DIR]... [--samples N] [--seed S] [--budget N] [--accumulation P] [--report FILE.html]
/// and compare's tolerance options (--atol, --rtol, --check-error-stat, ...)</c> (see <see cref="AutoPrecisionConversion"/>).
/// </summary>
internal static class ConvertCommand
{
    public static Command Create(CliIo io)
    {
        var (output, error) = (io.Output, io.Error);
        var model = new Argument<string>("MODEL") { Description = "The ONNX model to convert." };
        var outputPath = new Option<string>("--output", "-o") { Description = "The .mlpackage to write.", Required = true };
        var precision = new Option<string>("--precision") { Description = "Compute precision: fp16 (default, as coremltools), fp32, or auto (search the ops to keep in FP32 on sample inputs).", DefaultValueFactory = _ => "fp16" };
        precision.AcceptOnlyFromAmong("fp16", "fp32", "auto");
        var target = new Option<string>("--target") { Description = "Minimum deployment target: iOS15, iOS16 (default), iOS17 or iOS18.", DefaultValueFactory = _ => "iOS16" };
        var ioDtype = new Option<string?>("--io-dtype") { Description = "Model input/output type for FP16 conversions: fp16 (default from iOS16) or fp32." };
        ioDtype.AcceptOnlyFromAmong("fp16", "fp32");
        var fp32Ops = new Option<string?>("--fp32-ops") { Description = "Comma-separated ops to keep in FP32: MIL op types, ONNX op types or ONNX node names; * and ? are wildcards." };
        var plan = new Option<string?>("--precision-plan") { Description = "A precision plan (JSON) listing ops to keep in FP32." };
        var overflow = new Option<string>("--on-weight-overflow") { Description = "Constants beyond ±65504: auto (sentinels ≥1e38 saturate, others keep their op FP32), keep-fp32, saturate or error.", DefaultValueFactory = _ => "auto" };
        overflow.AcceptOnlyFromAmong("auto", "keep-fp32", "saturate", "error");
        var json = CliIo.JsonOption("the conversion report (precision, weight overflow and underflow, kept ops; with auto, the search)");
        var force = OutputOptions.Force();
        var auto = new AutoPrecisionConversion.AutoOptions();
        var command = new Command("convert", "Convert an ONNX model to a Core ML ML Program package.")
        {
            model, outputPath, precision, target, ioDtype, fp32Ops, plan, overflow, json, force,
        };
        auto.AddTo(command);
        var inputOverrides = new InputOverrideOptions();
        inputOverrides.AddTo(command);
        command.SetAction(parse =>
        {
            var options = Options(parse, precision, target, ioDtype, fp32Ops, plan, overflow, out var patterns, out var precisionPlan);
            var overrides = inputOverrides.Parse(parse);
            var path = parse.GetValue(model)!;
            var isAuto = parse.GetValue(precision) == "auto";
            if (!isAuto)
            {
                auto.RejectIfGiven(parse);
            }
            OutputOptions.CheckPackage(parse.GetValue(outputPath)!, parse.GetValue(force), withPlan: isAuto);
            OutputOptions.CheckFiles(CliIo.JsonFile(parse.GetValue(json)), parse.GetValue(auto.Report));
            if (isAuto)
            {
                return AutoPrecisionConversion.Run(parse, auto, path, parse.GetValue(outputPath)!, options, overrides, patterns, precisionPlan, parse.GetValue(json), parse.GetValue(force), io);
            }
            var onnx = io.Timed("read", () => OnnxModel.Load(path));
            options = InputOverrideOptions.Apply(options, overrides, OnnxConversion.InputSignatures(onnx), path);
            var result = io.Timed("import and passes", () => OnnxConversion.Convert(onnx, options));
            foreach (var d in result.Diagnostics)
            {
                error.WriteLine(d);
            }
            WarnUnmatched(patterns, precisionPlan, result.Program, error);
            var destination = parse.GetValue(outputPath)!;
            var precisionName = options.Precision == ComputePrecision.Fp16 ? "fp16" : "fp32";
            io.Timed("write", () => MlPackageWriter.Write(result.Program, destination, new PackageOptions
            {
                Metadata = new Dictionary<string, string>
                {
                    ["com.milforge.source"] = Path.GetFileName(path),
                    ["com.milforge.version"] = typeof(ConvertCommand).Assembly.GetName().Version?.ToString(3) ?? "0",
                    ["com.milforge.compute_precision"] = precisionName,
                },
                Force = parse.GetValue(force),
            }));
            var main = result.Program.Main;
            output.WriteLine($"Converted {path} (opset {onnx.DefaultOpset}, {onnx.NodeOpTypes.Count} nodes) to {destination}");
            output.WriteLine($"  target {options.Target} (spec {options.Target.SpecificationVersion()}, {options.Target.Opset()}), precision {result.Summary}");
            output.WriteLine($"  inputs:  {string.Join(", ", main.Inputs.Select(i => $"{i.Name} {i.Type}"))}");
            output.WriteLine($"  outputs: {string.Join(", ", main.Body.Outputs.Select(o => $"{o.Name} {o.Type}"))}");
            foreach (var (op, origin, reason) in result.Fp16?.KeptFp32 ?? [])
            {
                output.WriteLine($"  kept in FP32: {op} [{origin}] — {reason}");
            }
            io.WriteJson(parse.GetValue(json), () => ConversionReportJson.Write(path, destination, options, result), "  report: {0}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static ConversionOptions Options(ParseResult parse, Option<string> precision, Option<string> target, Option<string?> ioDtype,
        Option<string?> fp32Ops, Option<string?> plan, Option<string> overflow, out OpPatterns? patterns, out PrecisionPlan? precisionPlan)
    {
        var targetText = parse.GetValue(target)!;
        if (!DeploymentTargets.TryParse(targetText, out var deploymentTarget))
        {
            throw new DiagnosticException(DiagnosticCodes.CliUsage, $"Unknown --target '{targetText}'; use iOS15, iOS16, iOS17 or iOS18.");
        }
        var fp32 = parse.GetValue(precision) == "fp32";
        patterns = parse.GetValue(fp32Ops) is { } list ? OpPatterns.Parse(list) : null;
        precisionPlan = parse.GetValue(plan) is { } planPath ? PrecisionPlan.Read(planPath) : null;
        if (fp32 && (patterns is not null || precisionPlan is not null || parse.GetValue(ioDtype) == "fp16"))
        {
            throw new DiagnosticException(DiagnosticCodes.CliUsage, "--fp32-ops, --precision-plan and --io-dtype fp16 apply to FP16 conversions; drop --precision fp32.");
        }
        var selectors = new List<Func<Operation, bool>>();
        if (patterns is not null)
        {
            selectors.Add(patterns.Matches);
        }
        if (precisionPlan is not null)
        {
            selectors.Add(precisionPlan.Keeps);
        }
        return new ConversionOptions
        {
            Target = deploymentTarget,
            Precision = fp32 ? ComputePrecision.Fp32 : ComputePrecision.Fp16,
            Fp16IO = parse.GetValue(ioDtype) is { } io ? io == "fp16" : null,
            OnWeightOverflow = parse.GetValue(overflow) switch
            {
                "keep-fp32" => WeightOverflowAction.KeepFp32,
                "saturate" => WeightOverflowAction.Saturate,
                "error" => WeightOverflowAction.Error,
                _ => WeightOverflowAction.Auto,
            },
            KeepFp32 = selectors.Count == 0 ? null : op => selectors.Any(s => s(op)),
        };
    }

    /// <summary>Warns about --fp32-ops patterns and plan entries that select no op (typos, or a plan for another model).</summary>
    internal static void WarnUnmatched(OpPatterns? patterns, PrecisionPlan? plan, MilProgram program, TextWriter error)
    {
        foreach (var p in patterns?.Unmatched(program) ?? [])
        {
            error.WriteLine($"warning {DiagnosticCodes.CliUsage}: --fp32-ops pattern '{p}' matches no op.");
        }
        foreach (var e in plan?.Unmatched(program) ?? [])
        {
            error.WriteLine($"warning {DiagnosticCodes.PrcBadPlan}: precision plan entry {(e.MilOp is null ? "" : $"MIL op '{e.MilOp}' ")}{(e.OnnxNode is null ? "" : $"ONNX node '{e.OnnxNode}' ")}matches no op of this model.");
        }
    }
}
