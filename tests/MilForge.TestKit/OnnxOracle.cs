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
