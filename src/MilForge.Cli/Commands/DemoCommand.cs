using System.CommandLine;
using MilForge.CoreML.Package;
using MilForge.Mil.Text;
using MilForge.Onnx.Reading;
using MilForge.OnnxRuntime;
using MilForge.Precision;
using MilForge.Precision.Comparison;
using MilForge.Precision.Inputs;
using MilForge.Precision.Samples;
using MilForge.Runtime;

namespace MilForge.Cli.Commands;

/// <summary>
/// <c>milforge demo [--dir DIR]</c>: the whole path on a built-in sample, explained step by step — FP32 conversion,
/// the interpreter, the comparison with ONNX Runtime, then the FP16 story (<see cref="DemoFp16Steps"/>).
/// </summary>
internal static class DemoCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var dir = new Option<string?>("--dir") { Description = "Where to write the sample files (default: a 'milforge-demo' folder in the temp folder)." };
        var command = new Command("demo", "Build a sample ONNX model; convert, run and compare it in FP32, then find and repair its FP16 overflow.") { dir };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(dir) ?? Path.Combine(Path.GetTempPath(), "milforge-demo");
            Directory.CreateDirectory(folder);
            var onnxPath = Path.Combine(folder, "demo.onnx");
            var packagePath = Path.Combine(folder, "demo.mlpackage");

            output.WriteLine("Step 1. Build a sample ONNX model in code (no download):");
            output.WriteLine("        Conv → Relu → MaxPool → Conv → Relu → GlobalAveragePool → Flatten → embedding Gemm → L2 normalisation");
            output.WriteLine("        (x·x → ReduceSum → Sqrt → Div) → Gemm → Softmax, input 1x3x16x16.");
            File.WriteAllBytes(onnxPath, SampleModels.Demo());
            output.WriteLine($"        Wrote {onnxPath}");

            output.WriteLine("Step 2. Convert it to a Core ML ML Program in FP32 (iOS16) — what 'milforge convert --precision fp32' does:");
            var onnx = OnnxModel.Load(onnxPath);
            var fp32 = OnnxConversion.Convert(onnx, new ConversionOptions { Precision = ComputePrecision.Fp32 });
            MlPackageWriter.Write(fp32.Program, packagePath);
            output.WriteLine($"        Wrote {packagePath}. Its MIL program (small constants inline, weights summarized):");
            foreach (var line in new MilPrinter().Print(fp32.Program).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                output.WriteLine("          " + line);
            }

            output.WriteLine("Step 3. Read the package back and run it with MilForge's own interpreter — no Mac needed:");
            var package = MlPackageReader.Read(packagePath);
            var inputs = RandomInputs.Generate(OnnxConversion.InputSignatures(onnx));
            output.WriteLine($"        Input: seeded random values, {CommandInputs.Summary("image", inputs["image"])}");
            var options = new RunOptions();
            var actual = new MilInterpreter().Run(package.Program, inputs, options);
            output.WriteLine($"        {CommandInputs.Summary("probabilities", actual["probabilities"])} (accumulation policy {options.Policy.Name})");

            output.WriteLine("Step 4. Run the original ONNX model with ONNX Runtime and compare — what 'milforge compare' does:");
            var runner = new OrtReferenceRunner();
            var expected = runner.Run(onnxPath, inputs)[0].Value;
            var comparison = TensorComparer.Compare("probabilities", expected, actual["probabilities"], 1e-4, 1e-3);
            output.WriteLine($"        {runner.Name}: max abs error {comparison.MaxAbsError:G3}, max rel error {comparison.MaxRelError:G3}, {comparison.Mismatches} of {comparison.Elements} outside |a-r| <= 1e-4 + 1e-3*|r|.");
            output.WriteLine(comparison.Passed ? "        PASS: the FP32 package computes what the ONNX model computes." : "        FAIL: the outputs differ.");

            var fp16Story = DemoFp16Steps.Run(onnx, folder, inputs, expected, output);

            output.WriteLine("Next: try it on your own model:");
            output.WriteLine("        milforge convert model.onnx -o model.mlpackage                  # FP16, as Core ML runs it");
            output.WriteLine("        milforge compare model.onnx model.mlpackage --inputs test_data_set_0 --atol 1e-2 --rtol 1e-2");
            output.WriteLine("        milforge debug-precision model.onnx --inputs test_data_set_0 --report report.html");
            output.WriteLine("        milforge convert model.onnx -o model.mlpackage --precision auto --inputs test_data_set_0");
            return comparison.Passed && fp16Story ? ExitCodes.Ok : ExitCodes.Differ;
        });
        return command;
    }
}
