using System.CommandLine;
using MilForge.CoreML.Package;
using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Onnx.Reading;
using MilForge.Precision;

namespace MilForge.Cli.Commands;

/// <summary><c>milforge convert MODEL.onnx -o OUT.mlpackage [--precision fp32] [--target iOS16]</c>.</summary>
internal static class ConvertCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var model = new Argument<string>("MODEL") { Description = "The ONNX model to convert." };
        var outputPath = new Option<string>("--output", "-o") { Description = "The .mlpackage to write.", Required = true };
        var precision = new Option<string>("--precision") { Description = "Compute precision: fp32 (fp16 arrives with the FP16 pass).", DefaultValueFactory = _ => "fp32" };
        precision.AcceptOnlyFromAmong("fp32", "fp16");
        var target = new Option<string>("--target") { Description = "Minimum deployment target: iOS15, iOS16, iOS17 or iOS18.", DefaultValueFactory = _ => "iOS16" };
        var command = new Command("convert", "Convert an ONNX model to a Core ML ML Program package.") { model, outputPath, precision, target };
        command.SetAction(parse =>
        {
            var targetText = parse.GetValue(target)!;
            if (!DeploymentTargets.TryParse(targetText, out var deploymentTarget))
            {
                throw new DiagnosticException(DiagnosticCodes.CliUsage, $"Unknown --target '{targetText}'; use iOS15, iOS16, iOS17 or iOS18.");
            }
            if (parse.GetValue(precision) == "fp16")
            {
                throw new DiagnosticException(DiagnosticCodes.CliUsage,
                    "--precision fp16 is not available yet: MilForge does not insert FP16 casts so far, and would otherwise write an FP32 package silently. Use --precision fp32.");
            }
            var path = parse.GetValue(model)!;
            var onnx = OnnxModel.Load(path);
            var import = OnnxConversion.Import(onnx, deploymentTarget);
            foreach (var d in import.Diagnostics)
            {
                error.WriteLine(d);
            }
            var program = import.Program;
            var destination = parse.GetValue(outputPath)!;
            MlPackageWriter.Write(program, destination, new PackageOptions
            {
                Metadata = new Dictionary<string, string>
                {
                    ["com.milforge.source"] = Path.GetFileName(path),
                    ["com.milforge.version"] = typeof(ConvertCommand).Assembly.GetName().Version?.ToString(3) ?? "0",
                    ["com.milforge.compute_precision"] = "fp32",
                },
            });
            var ops = program.Main.AllOperations().ToList();
            output.WriteLine($"Converted {path} (opset {onnx.DefaultOpset}, {onnx.NodeOpTypes.Count} nodes) to {destination}");
            output.WriteLine($"  target {deploymentTarget} (spec {deploymentTarget.SpecificationVersion()}, {deploymentTarget.Opset()}), precision fp32");
            output.WriteLine($"  {ops.Count(o => !o.IsConst)} ops, {ops.Count(o => o.IsConst)} consts");
            output.WriteLine($"  inputs:  {string.Join(", ", program.Main.Inputs.Select(i => $"{i.Name} {i.Type}"))}");
            output.WriteLine($"  outputs: {string.Join(", ", program.Main.Body.Outputs.Select(o => $"{o.Name} {o.Type}"))}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
