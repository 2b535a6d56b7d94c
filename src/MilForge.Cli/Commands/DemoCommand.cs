using System.CommandLine;
using System.Text.Json.Nodes;
using MilForge.CoreML.Package;
using MilForge.Diagnostics;
using MilForge.Mil.Text;
using MilForge.Numerics.Io;
using MilForge.Onnx.Reading;
using MilForge.OnnxRuntime;
using MilForge.Precision;
using MilForge.Precision.Comparison;
using MilForge.Precision.Inputs;
using MilForge.Precision.Samples;
using MilForge.Runtime;

namespace MilForge.Cli.Commands;

/// <summary>
/// <c>milforge demo [--dir DIR] [--force]</c>: the whole path on a built-in sample, explained step by step — FP32
/// conversion, the interpreter, the comparison with ONNX Runtime, then the FP16 story (<see cref="DemoFp16Steps"/>).
/// DIR may exist: the demo replaces its own earlier files there, and refuses anything else unless <c>--force</c>.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliIo io)
    {
        var (output, error) = (io.Output, io.Error);
        var dir = new Option<string?>("--dir", "-o", "--output") { Description = "Where to write the sample files (default: a 'milforge-demo' folder in the system temp folder); -o and --output are the same." };
        var force = OutputOptions.Force();
        var json = CliIo.JsonOption("a summary of the steps and their verdicts");
        var command = new Command("demo", "Build a sample ONNX model; convert, run and compare it in FP32, then find and repair its FP16 overflow.") { dir, force, json };
        command.SetAction(parse =>
        {
            OutputOptions.CheckFiles(CliIo.JsonFile(parse.GetValue(json)));
            var folder = DemoFolder(parse.GetValue(dir) ?? Path.Combine(Path.GetTempPath(), "milforge-demo"));
            var onnxPath = Path.Combine(folder, "demo.onnx");
            var packagePath = Path.Combine(folder, "demo.mlpackage");
            var sample = SampleModels.Demo();
            var replace = parse.GetValue(force);
            if (!replace && File.Exists(onnxPath) && !File.ReadAllBytes(onnxPath).AsSpan().SequenceEqual(sample))
            {
                throw new DiagnosticException(DiagnosticCodes.CliOutputExists, $"'{onnxPath}' is not the demo's model; refusing to replace it (--force replaces it, or choose another --dir).");
            }
            AtomicFile.Check(onnxPath);
            var steps = new JsonArray();
            foreach (var target in DemoFp16Steps.Packages(folder).Prepend(packagePath))
            {
                OutputOptions.CheckPackage(target, replace, withPlan: target == DemoFp16Steps.AutoPackage(folder));
            }

            output.WriteLine("Step 1. Build a sample ONNX model in code (no download):");
            output.WriteLine("        Conv → Relu → MaxPool → Conv → Relu → GlobalAveragePool → Flatten → embedding Gemm → L2 normalisation");
            output.WriteLine("        (x·x → ReduceSum → Sqrt → Div) → Gemm → Softmax, input 1x3x16x16.");
            AtomicFile.WriteAllBytes(onnxPath, sample);
            output.WriteLine($"        Wrote {onnxPath}");
            steps.Add(Step(1, "build the sample ONNX model", "done", onnxPath));

            output.WriteLine("Step 2. Convert it to a Core ML ML Program in FP32 (iOS16) — what 'milforge convert --precision fp32' does:");
            var onnx = OnnxModel.Load(onnxPath);
            var fp32 = OnnxConversion.Convert(onnx, new ConversionOptions { Precision = ComputePrecision.Fp32 });
            MlPackageWriter.Write(fp32.Program, packagePath, new PackageOptions { Force = replace });
            output.WriteLine($"        Wrote {packagePath}. Its MIL program (small constants inline, weights summarized):");
            foreach (var line in new MilPrinter().Print(fp32.Program).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                output.WriteLine("          " + line);
            }

            steps.Add(Step(2, "convert in FP32", "done", packagePath));
            output.WriteLine("Step 3. Read the package back and run it with MilForge's own interpreter — no Mac needed:");
            var package = MlPackageReader.Read(packagePath);
            var inputs = RandomInputs.Generate(OnnxConversion.InputSignatures(onnx));
            output.WriteLine($"        Input: seeded random values, {CommandInputs.Summary("image", inputs["image"])}");
            var options = new RunOptions();
            var actual = new MilInterpreter().Run(package.Program, inputs, options);
            output.WriteLine($"        {CommandInputs.Summary("probabilities", actual["probabilities"])} (accumulation policy {options.Policy.Name})");

            steps.Add(Step(3, "run with the interpreter", "done", null));
            output.WriteLine("Step 4. Run the original ONNX model with ONNX Runtime and compare — what 'milforge compare' does:");
            var runner = new OrtReferenceRunner();
            var expected = runner.Run(onnxPath, inputs)[0].Value;
            var comparison = TensorComparer.Compare("probabilities", expected, actual["probabilities"], 1e-4, 1e-3);
            output.WriteLine($"        {runner.Name}: max abs error {comparison.MaxAbsError:G3}, max rel error {comparison.MaxRelError:G3}, {comparison.Mismatches} of {comparison.Elements} outside |a-r| <= 1e-4 + 1e-3*|r|.");
            output.WriteLine(comparison.Passed ? "        PASS: the FP32 package computes what the ONNX model computes." : "        FAIL: the outputs differ.");

            steps.Add(Step(4, "compare with ONNX Runtime", comparison.Passed ? "pass" : "fail", null));
            var fp16Story = DemoFp16Steps.Run(onnx, folder, inputs, expected, replace, output, steps);

            output.WriteLine("Next: try it on your own model:");
            output.WriteLine("        milforge convert model.onnx -o model.mlpackage                  # FP16, as Core ML runs it");
            output.WriteLine("        milforge compare model.onnx model.mlpackage --inputs test_data_set_0 --atol 1e-2 --rtol 1e-2");
            output.WriteLine("        milforge debug-precision model.onnx --inputs test_data_set_0 --report report.html");
            output.WriteLine("        milforge convert model.onnx -o model.mlpackage --precision auto --inputs test_data_set_0");
            var passed = comparison.Passed && fp16Story;
            io.WriteJson(parse.GetValue(json), () => new JsonObject { ["folder"] = folder, ["passed"] = passed, ["steps"] = steps }.ToJsonString(Precision.Reports.JsonFormat.Indented));
            return passed ? ExitCodes.Ok : ExitCodes.Differ;
        });
        return command;
    }

    /// <summary>One step of the demo's JSON summary.</summary>
    internal static JsonObject Step(int number, string what, string verdict, string? wrote) => new()
    {
        ["step"] = number,
        ["what"] = what,
        ["verdict"] = verdict,
        ["wrote"] = wrote,
    };

    /// <summary>The demo folder, created when missing (its parent must exist); a file there is refused.</summary>
    private static string DemoFolder(string path)
    {
        var folder = OutputPaths.Resolve(path);
        if (File.Exists(folder))
        {
            throw new DiagnosticException(DiagnosticCodes.CliOutputExists, $"'{path}' is a file; --dir needs a folder.");
        }
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DiagnosticException(DiagnosticCodes.CliCannotWrite, $"Cannot create the folder '{path}': {e.Message}", inner: e);
        }
        return folder;
    }
}
