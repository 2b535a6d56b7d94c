using MilForge.CoreML.Serialization;
using MilForge.Mil;
using MilForge.Mil.Text;
using MilForge.Numerics;
using MilForge.Onnx.Reading;
using MilForge.OnnxRuntime;
using MilForge.Precision;
using MilForge.Precision.Comparison;
using MilForge.Runtime;

namespace MilForge.TestKit;

/// <summary>
/// The differential harness: ONNX Runtime runs the model, MilForge converts it, round-trips the MIL program through
/// its protobuf form, interprets it, and every output must match (same shape, values within tolerance). Failures
/// print the MIL program.
/// </summary>
public static class OnnxOracle
{
    private static readonly OrtReferenceRunner Runner = new();

    /// <summary>Checks a case in FP32.</summary>
    public static void AssertMatches(NodeCase c) => AssertMatches(c.ModelBytes(), c.Feeds, c.Atol, c.Rtol, c.ToString());

    /// <summary>Checks a case in FP32, converted for <paramref name="target"/>.</summary>
    public static void AssertMatches(NodeCase c, DeploymentTarget target) => AssertMatches(c.ModelBytes(), c.Feeds, c.Atol, c.Rtol, c.ToString(), target);

    /// <summary>Checks a model in FP32, converted for <paramref name="target"/> (default iOS16).</summary>
    public static void AssertMatches(byte[] model, IReadOnlyDictionary<string, Tensor> feeds, double atol, double rtol, string name,
        DeploymentTarget target = DeploymentTarget.iOS16)
    {
        var expected = Runner.Run(model, feeds, name);
        var onnx = OnnxModel.Parse(model, null, name);
        var import = OnnxConversion.Import(onnx, target);
        var program = RoundTrip(import.Program);
        var text = new MilPrinter().Print(program);
        var inputs = import.InputNames.ToDictionary(m => m.Value, m => feeds[m.Key]);
        var actual = new MilInterpreter().Run(program, inputs);
        for (var k = 0; k < expected.Count; k++)
        {
            var (outName, reference) = expected[k];
            var candidate = actual[import.OutputNames[k].Value];
            var c = TensorComparer.Compare(outName, reference, candidate, atol, rtol);
            Assert.True(c.Passed, $"{name}: output '{outName}' " + (c.Detail ?? $"{c.Mismatches}/{c.Elements} elements differ, max abs {c.MaxAbsError:G4}, max rel {c.MaxRelError:G4}")
                + $"\nexpected {reference}\nactual   {candidate}\nMIL:\n{text}");
        }
    }

    /// <summary>
    /// Checks a case converted in FP16 (the default conversion, fp16 I/O) against ONNX Runtime's FP32 result with the
    /// op's entry in <see cref="Fp16Tolerances"/>. Returns false, without asserting, when the FP32 reference holds
    /// values FP16 cannot represent (beyond ±65504, or non-finite): those cases test FP32 behaviour only.
    /// </summary>
    public static bool AssertMatchesFp16(NodeCase c)
    {
        if (c.Fp32OnlyReason is not null)
        {
            return false;
        }
        var model = c.ModelBytes();
        var expected = Runner.Run(model, c.Feeds, c.ToString());
        static bool Representable(Tensor t) => !t.DataType.IsFloat() || t.AsDoubles().All(v => double.IsFinite(v) && Math.Abs(v) <= Fp16.MaxValue);
        if (!expected.All(e => Representable(e.Value)) || !c.Feeds.Values.All(Representable))
        {
            return false;
        }
        var result = OnnxConversion.Convert(OnnxModel.Parse(model, null, c.ToString()), new ConversionOptions());
        var program = RoundTrip(result.Program);
        var inputs = result.Import.InputNames.ToDictionary(m => m.Value, m => c.Feeds[m.Key]);
        var actual = new MilInterpreter().Run(program, inputs);
        var tolerance = Fp16Tolerances.For(c.OpType);
        for (var k = 0; k < expected.Count; k++)
        {
            var (outName, reference) = expected[k];
            var candidate = actual[result.Import.OutputNames[k].Value];
            candidate = candidate.DataType.IsFloat() && reference.DataType.IsFloat() ? candidate.CastTo(reference.DataType) : candidate;
            var range = reference.DataType.IsFloat() ? Math.Max(1, reference.AsDoubles().Select(Math.Abs).DefaultIfEmpty().Max()) : 1;
            var comparison = TensorComparer.Compare(outName, reference, candidate, tolerance.Atol * range, tolerance.Rtol);
            Assert.True(comparison.Passed, $"{c} in FP16: output '{outName}' " + (comparison.Detail ?? $"{comparison.Mismatches}/{comparison.Elements} elements beyond the tolerance ({tolerance.Reason}), max abs {comparison.MaxAbsError:G4}, max rel {comparison.MaxRelError:G4}")
                + $"\nexpected {reference}\nactual   {candidate}\nMIL:\n{new MilPrinter().Print(program)}");
        }
        return true;
    }

    /// <summary>
    /// Checks a whole model converted in FP16 (the default conversion, fp16 I/O) against ONNX Runtime's FP32 result:
    /// every element within <paramref name="atol"/>·max(1, max|fp32|) + <paramref name="rtol"/>·|fp32|.
    /// </summary>
    public static void AssertMatchesFp16(byte[] model, IReadOnlyDictionary<string, Tensor> feeds, double atol, double rtol, string name)
    {
        var expected = Runner.Run(model, feeds, name);
        var result = OnnxConversion.Convert(OnnxModel.Parse(model, null, name), new ConversionOptions());
        var program = RoundTrip(result.Program);
        var inputs = result.Import.InputNames.ToDictionary(m => m.Value, m => feeds[m.Key]);
        var actual = new MilInterpreter().Run(program, inputs);
        for (var k = 0; k < expected.Count; k++)
        {
            var (outName, reference) = expected[k];
            var candidate = actual[result.Import.OutputNames[k].Value].CastTo(reference.DataType);
            var range = Math.Max(1, reference.AsDoubles().Select(Math.Abs).DefaultIfEmpty().Max());
            var c = TensorComparer.Compare(outName, reference, candidate, atol * range, rtol);
            Assert.True(c.Passed, $"{name} in FP16: output '{outName}' " + (c.Detail ?? $"{c.Mismatches}/{c.Elements} elements differ, max abs {c.MaxAbsError:G4}, max rel {c.MaxRelError:G4}"));
        }
    }

    /// <summary>Serializes a program to the MIL protobuf and reads it back (every op through the generic serializer).</summary>
    public static MilProgram RoundTrip(MilProgram program)
    {
        var serializer = new ProgramSerializer();
        var proto = serializer.Serialize(program);
        var weights = serializer.WeightBytes;
        var reader = weights.Length == 0 ? null : new CoreML.Blob.BlobStorageReader(weights, "weight.bin");
        var deserializer = new ProgramDeserializer((_, offset, type, shape) => reader!.Read(offset, type, shape), "round trip");
        return deserializer.Deserialize(proto, program.Main.Target.SpecificationVersion());
    }
}
