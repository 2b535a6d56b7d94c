// The README's "Library API" section is this file: it is built against the packed packages by .ci/run.
using MilForge.CoreML.Package;
using MilForge.Mil;
using MilForge.Numerics;
using MilForge.Onnx.Reading;
using MilForge.Precision;
using MilForge.Precision.Debugging;
using MilForge.Precision.Inputs;
using MilForge.Precision.Samples;
using MilForge.Precision.Search;
using MilForge.Runtime;

// Usage: LibraryUsage [MODEL.onnx [OUTPUT_DIR]]. Without a model, the demo's classifier built in code is used
// (input "image" 1x3x16x16); without a folder, the packages go to a temp folder that is removed at the end.
var onnx = args.Length > 0 ? OnnxModel.Load(args[0]) : OnnxModel.Parse(SampleModels.Demo(), null, "demo.onnx");
var folder = args.Length > 1 ? Directory.CreateDirectory(args[1]).FullName : Directory.CreateTempSubdirectory("milforge-sample-").FullName;

// Convert: FP16 by default (iOS16); result.Fp16 names every constant that overflows FP16 and what was done.
var result = OnnxConversion.Convert(onnx, new ConversionOptions());
foreach (var diagnostic in result.Diagnostics)
{
    Console.WriteLine(diagnostic);
}
MlPackageWriter.Write(result.Program, Path.Combine(folder, "model.mlpackage"));   // atomic, byte-identical when repeated

// Symbolic dims are fixed as with --input NAME:SHAPE; a single-element input becomes a constant as with --input-value.
var first = onnx.InputSignatures()[0];
var fixedShape = OnnxConversion.Convert(onnx, new ConversionOptions
{
    InputShapes = new Dictionary<string, long[]> { [first.Name] = [.. first.Shape.Dims.Select(d => d.IsKnown ? d.Size : 1)] },
});
Console.WriteLine($"fixed-shape conversion: {fixedShape.Program.Main.Body.Operations.Count} ops");

// Read any package (ours or coremltools') and run it in emulated FP16, with a listener on every op.
var package = MlPackageReader.Read(Path.Combine(folder, "model.mlpackage"));
var inputs = RandomInputs.Generate(package.Program.Main.Inputs.Select(i => new TensorSignature(i.Name, i.DataType, i.Shape)).ToList());
var counter = new OpCounter();
IReadOnlyDictionary<string, Tensor> outputs = new MilInterpreter().Run(package.Program, inputs,
    new RunOptions { Policy = PrecisionPolicy.Default, Listener = counter });
foreach (var (name, tensor) in outputs)
{
    Console.WriteLine($"{name}: {tensor.DataType.MilName()}[{string.Join(", ", tensor.ShapeArray())}], NaN/Inf {tensor.AsDoubles().Count(v => !double.IsFinite(v))}");
}
Console.WriteLine($"{counter.Ops} ops ran");

// Debug FP16 against FP32 on samples, then search the smallest set of ops to keep in FP32.
var subject = PrecisionSubject.FromOnnx(onnx, new ConversionOptions());
IReadOnlyList<IReadOnlyDictionary<string, Tensor>> samples = [RandomInputs.Generate(subject.Inputs, seed: 0), RandomInputs.Generate(subject.Inputs, seed: 1)];
DebugReport report = new PrecisionDebugger().Run(subject.Fp32, subject.Shipped.Program, subject.Shipped.Fp32Names, samples);
SearchResult mixed = new MixedPrecisionSearch(subject, samples).Run(report);
Console.WriteLine($"kept in FP32: {string.Join(", ", mixed.Kept.Select(k => $"{k.Op} ({k.Origin.NodeName})"))}; verified: {mixed.Verified}");
MlPackageWriter.Write(mixed.Build.Program, Path.Combine(folder, "model.mixed.mlpackage"));
Console.WriteLine($"wrote model.mlpackage and model.mixed.mlpackage in {folder}");
if (args.Length < 2)
{
    Directory.Delete(folder, recursive: true);
}

/// <summary>A listener: called before and after every op the interpreter runs.</summary>
internal sealed class OpCounter : IInterpreterListener
{
    public int Ops { get; private set; }

    public void AfterOp(Operation op, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) => Ops++;
}
