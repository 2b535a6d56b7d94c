using System.CommandLine;
using MilForge.CoreML.Package;
using MilForge.Mil.Text;
using MilForge.Onnx.Reading;
using MilForge.OnnxRuntime;
using MilForge.Precision;
using MilForge.Precision.Comparison;
using MilForge.Precision.Inputs;
using MilForge.Runtime;

namespace MilForge.Cli.Commands;

/// <summary><c>milforge demo [--dir DIR]</c>: the whole path on a built-in sample, explained step by step.</summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var dir = new Option<string?>("--dir") { Description = "Where to write the sample files (default: a 'milforge-demo' folder in the temp folder)." };
        var command = new Command("demo", "Build a sample ONNX model, convert it, run it with the interpreter and compare with ONNX Runtime.") { dir };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(dir) ?? Path.Combine(Path.GetTempPath(), "milforge-demo");
            Directory.CreateDirectory(folder);
            var onnxPath = Path.Combine(folder, "demo.onnx");
            var packagePath = Path.Combine(folder, "demo.mlpackage");

            output.WriteLine("Step 1. Build a sample ONNX model in code (no download):");
            output.WriteLine("        Conv → Relu → MaxPool → Conv → Relu → GlobalAveragePool → Flatten → Gemm → Softmax, input 1x3x16x16.");
            File.WriteAllBytes(onnxPath, DemoModel.Build());
            output.WriteLine($"        Wrote {onnxPath}");

            output.WriteLine("Step 2. Convert it to a Core ML ML Program (FP32, iOS16) — what 'milforge convert' does:");
            var onnx = OnnxModel.Load(onnxPath);
            var import = OnnxConversion.Import(onnx);
            MlPackageWriter.Write(import.Program, packagePath);
            output.WriteLine($"        Wrote {packagePath}. Its MIL program (small constants inline, weights summarized):");
            foreach (var line in new MilPrinter().Print(import.Program).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                output.WriteLine("          " + line);
            }

            output.WriteLine("Step 3. Read the package back and run it with MilForge's own interpreter — no Mac needed:");
            var package = MlPackageReader.Read(packagePath);
            var signatures = OnnxConversion.InputSignatures(onnx);
            var inputs = RandomInputs.Generate(signatures);
            output.WriteLine($"        Input: seeded random values, {CommandInputs.Summary("image", inputs["image"])}");
            var options = new RunOptions();
            var actual = new MilInterpreter().Run(package.Program, inputs, options);
            output.WriteLine($"        {CommandInputs.Summary("probabilities", actual["probabilities"])} (accumulation policy {options.Policy.Name})");

            output.WriteLine("Step 4. Run the original ONNX model with ONNX Runtime and compare — what 'milforge compare' does:");
            var runner = new OrtReferenceRunner();
            var expected = runner.Run(onnxPath, inputs);
            var comparison = TensorComparer.Compare("probabilities", expected[0].Value, actual["probabilities"], 1e-4, 1e-3);
            output.WriteLine($"        {runner.Name}: max abs error {comparison.MaxAbsError:G3}, max rel error {comparison.MaxRelError:G3}, {comparison.Mismatches} of {comparison.Elements} outside |a-r| <= 1e-4 + 1e-3*|r|.");
            output.WriteLine(comparison.Passed ? "        PASS: the package computes what the ONNX model computes." : "        FAIL: the outputs differ.");

            output.WriteLine("Next: try it on your own model:");
            output.WriteLine($"        milforge convert model.onnx -o model.mlpackage --precision fp32");
            output.WriteLine($"        milforge run model.mlpackage -o out/ --inputs test_data_set_0");
            output.WriteLine($"        milforge compare model.onnx model.mlpackage --inputs test_data_set_0");
            return comparison.Passed ? ExitCodes.Ok : ExitCodes.Differ;
        });
        return command;
    }
}
