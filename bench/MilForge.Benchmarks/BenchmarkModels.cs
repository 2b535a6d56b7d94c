using MilForge.Numerics;
using MilForge.Onnx.Reading;
using MilForge.Precision;
using MilForge.Precision.Inputs;
using MilForge.Precision.Samples;

namespace MilForge.Benchmarks;

/// <summary>The whole models benchmarked: the built-in demo model, and coremltools fixtures when the shared folder exists.</summary>
internal static class BenchmarkModels
{
    public const string Demo = "demo";

    private static readonly string[] Fixtures = ["mobilenet_v2", "transformer_encoder"];

    /// <summary>The models available on this machine.</summary>
    public static IEnumerable<string> Available() => [Demo, .. Fixtures.Where(f => SharedFolder.Fixture(f) is not null)];

    /// <summary>The model and its inputs keyed by ONNX input name (the fixture's test_data_set_0, seeded random for the demo).</summary>
    public static (OnnxModel Model, byte[] Bytes, Dictionary<string, Tensor> Inputs) Load(string name)
    {
        if (name == Demo)
        {
            var bytes = SampleModels.Demo();
            var model = OnnxModel.Parse(bytes, null, name);
            return (model, bytes, RandomInputs.Generate(OnnxConversion.InputSignatures(model)));
        }
        var folder = SharedFolder.Fixture(name) ?? throw new InvalidOperationException($"Fixture '{name}' is not in the shared folder.");
        var path = Path.Combine(folder, "model.onnx");
        var onnx = OnnxModel.Load(path);
        return (onnx, File.ReadAllBytes(path), TestDataLoader.Load(Path.Combine(folder, "test_data_set_0"), OnnxConversion.InputSignatures(onnx)));
    }
}
