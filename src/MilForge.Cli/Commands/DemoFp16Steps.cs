using System.Globalization;
using System.Text.Json.Nodes;
using MilForge.CoreML.Package;
using MilForge.Numerics;
using MilForge.Onnx.Reading;
using MilForge.Precision;
using MilForge.Precision.Comparison;
using MilForge.Precision.Debugging;
using MilForge.Precision.Inputs;
using MilForge.Runtime;

namespace MilForge.Cli.Commands;

/// <summary>
/// The demo's second half: the same model in FP16 (Core ML's default) goes wrong, the debugger names the op where
/// the failure is born, and the automatic mixed-precision search repairs it while keeping most ops in FP16.
/// </summary>
internal static class DemoFp16Steps
{
    private const double Tolerance = 1e-2;

    /// <summary>The packages steps 5–7 write in <paramref name="folder"/>.</summary>
    public static IEnumerable<string> Packages(string folder) => [Fp16Package(folder), AutoPackage(folder)];

    /// <summary>The mixed-precision package of step 7 (its plan is written beside it).</summary>
    public static string AutoPackage(string folder) => Path.Combine(folder, "demo.auto.mlpackage");

    private static string Fp16Package(string folder) => Path.Combine(folder, "demo.fp16.mlpackage");

    /// <summary>Runs steps 5–7, adding each one's verdict to <paramref name="steps"/>; true when the repaired package matches ONNX Runtime.</summary>
    public static bool Run(OnnxModel onnx, string folder, Dictionary<string, Tensor> inputs, Tensor expected, bool force, TextWriter output, JsonArray steps)
    {
        output.WriteLine("Step 5. Convert again with Core ML's default compute precision, FP16, and run it in emulated FP16:");
        var fp16Path = Fp16Package(folder);
        var fp16 = OnnxConversion.Convert(onnx, new ConversionOptions());
        MlPackageWriter.Write(fp16.Program, fp16Path, new PackageOptions { Force = force });
        output.WriteLine($"        Wrote {fp16Path}: precision {fp16.Summary}.");
        var fp16Result = new MilInterpreter().Run(fp16.Program, inputs)["probabilities"].CastTo(DataType.Float32);
        var fp16Passed = Report("FP16", expected, fp16Result, output);
        steps.Add(DemoCommand.Step(5, "convert in FP16 and run", fp16Passed ? "pass" : "fail", fp16Path));

        output.WriteLine("Step 6. Find where FP16 breaks — what 'milforge debug-precision' does (one FP32 and one FP16 run, every op captured):");
        var subject = PrecisionSubject.FromOnnx(onnx, new ConversionOptions());
        List<IReadOnlyDictionary<string, Tensor>> samples = [inputs, RandomInputs.Generate(subject.Inputs, seed: 1)];
        var stats = PrecisionTools.Debug(subject, samples, PrecisionPolicy.Default);
        foreach (var origin in stats.OriginOps)
        {
            output.WriteLine($"        Origin op: {PrecisionTools.Describe(origin)}");
        }
        foreach (var o in stats.ByHeadroom.Take(3))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"        headroom {PrecisionTools.Headroom(o.Headroom),5}: {o.Name} ({o.OpType}) [{o.Origin}], FP32 |max| {o.AbsMax:G4}"));
        }

        steps.Add(DemoCommand.Step(6, "debug precision", $"{stats.OriginOps.Count} origin op(s)", null));

        output.WriteLine("Step 7. Keep only what must stay FP32 — what 'milforge convert --precision auto' does:");
        var search = PrecisionTools.Search(subject, samples, stats, PrecisionPolicy.Default, budget: 64, OutputTolerances.Uniform(new ToleranceSpec(Tolerance, Tolerance)));
        var autoPath = AutoPackage(folder);
        var plan = PrecisionTools.WriteResult(search, autoPath, "demo.onnx", force);
        foreach (var line in Lines(search))
        {
            output.WriteLine("        " + line);
        }
        output.WriteLine($"        Wrote {autoPath} and its plan {plan}.");
        var repaired = new MilInterpreter().Run(MlPackageReader.Read(autoPath).Program, inputs)["probabilities"].CastTo(DataType.Float32);
        var repairedPassed = Report("mixed", expected, repaired, output);
        steps.Add(DemoCommand.Step(7, "mixed precision search", repairedPassed ? "pass" : "fail", autoPath));
        return repairedPassed;
    }

    private static IEnumerable<string> Lines(Precision.Search.SearchResult search)
    {
        var writer = new StringWriter();
        PrecisionTools.PrintSearch(search, writer);
        return writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimStart());
    }

    private static bool Report(string what, Tensor expected, Tensor actual, TextWriter output)
    {
        var c = TensorComparer.Compare("probabilities", expected, actual, Tolerance, Tolerance);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"        {what} vs ONNX Runtime: max abs error {c.MaxAbsError:G3}, {c.Mismatches} of {c.Elements} outside |a-r| <= 1e-2 + 1e-2*|r|, NaN/Inf {c.NewNonFinite}."));
        output.WriteLine(c.Passed ? $"        PASS: the {what} package matches within FP16 tolerance."
            : $"        FAIL: the {what} package's probabilities are wrong — on a device this is silent.");
        return c.Passed;
    }
}
