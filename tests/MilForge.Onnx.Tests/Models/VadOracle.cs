using MilForge.Mil.Text;
using MilForge.OnnxRuntime;
using MilForge.Precision;
using MilForge.Precision.Comparison;
using MilForge.Runtime;

namespace MilForge.Onnx.Tests.Models;

/// <summary>
/// The differential check for a whole model with some inputs frozen at conversion (the CLI's --input-value):
/// ONNX Runtime runs the model with every feed, MilForge converts it with the frozen feeds as known inputs
/// (FP32, or FP16 with fp16 I/O), round-trips the program through its protobuf form and runs it on the other feeds.
/// FP16 uses the Conv entry of <see cref="Fp16Tolerances"/>, its atol relative to the output's range.
/// </summary>
internal static class VadOracle
{
    private const double Fp32Atol = 1e-4;
    private const double Fp32Rtol = 1e-3;

    private static readonly OrtReferenceRunner Runner = new();

    public static void AssertMatches(byte[] model, IReadOnlyDictionary<string, Tensor> feeds, IReadOnlyList<string> frozen, bool fp16, string name)
    {
        var expected = Runner.Run(model, feeds, name);
        var known = frozen.ToDictionary(n => n, n => feeds[n], StringComparer.Ordinal);
        var options = new ConversionOptions { Precision = fp16 ? ComputePrecision.Fp16 : ComputePrecision.Fp32, KnownInputs = known };
        var result = OnnxConversion.Convert(MilForge.Onnx.Reading.OnnxModel.Parse(model, null, name), options);
        var program = OnnxOracle.RoundTrip(result.Program);
        Assert.All(frozen, n => Assert.DoesNotContain(result.Import.InputNames, m => m.Key == n));
        var inputs = result.Import.InputNames.ToDictionary(m => m.Value, m => feeds[m.Key]);
        var actual = new MilInterpreter().Run(program, inputs);
        var tolerance = Fp16Tolerances.For("Conv");
        for (var k = 0; k < expected.Count; k++)
        {
            var (outName, reference) = expected[k];
            var candidate = actual[result.Import.OutputNames[k].Value].CastTo(reference.DataType);
            var range = Math.Max(1, reference.AsDoubles().Select(Math.Abs).DefaultIfEmpty().Max());
            var (atol, rtol) = fp16 ? (tolerance.Atol * range, tolerance.Rtol) : (Fp32Atol, Fp32Rtol);
            var c = TensorComparer.Compare(outName, reference, candidate, atol, rtol);
            Assert.True(c.Passed, $"{name} ({(fp16 ? "fp16" : "fp32")}): output '{outName}' "
                + (c.Detail ?? $"{c.Mismatches}/{c.Elements} elements differ, max abs {c.MaxAbsError:G4}, max rel {c.MaxRelError:G4}")
                + $"\nexpected {reference}\nactual   {candidate}\nMIL:\n{new MilPrinter().Print(program)}");
        }
    }
}
