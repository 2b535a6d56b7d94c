using BenchmarkDotNet.Attributes;
using MilForge.Precision;

namespace MilForge.Benchmarks;

/// <summary>
/// Whole models: ONNX Runtime on the ONNX model (the baseline) against MilForge's interpreter on MilForge's FP32 and
/// FP16 conversions of it. Loading and conversion happen in the setup; only one inference is timed.
/// </summary>
public class ModelBenchmarks : EngineComparison
{
    /// <summary>The model: demo, mobilenet_v2, transformer_encoder.</summary>
    [ParamsSource(nameof(Models))]
    public string Model { get; set; } = BenchmarkModels.Demo;

    public static IEnumerable<string> Models() => BenchmarkModels.Available();

    [GlobalSetup]
    public void Setup()
    {
        var (onnx, bytes, inputs) = BenchmarkModels.Load(Model);
        var fp32 = OnnxConversion.Convert(onnx, new ConversionOptions { Precision = ComputePrecision.Fp32 });
        var fp16 = OnnxConversion.Convert(onnx, new ConversionOptions { Precision = ComputePrecision.Fp16 });
        Prepare(Model, bytes, inputs,
            new InterpreterCase(fp32.Program, fp32.Import.InputNames.ToDictionary(m => m.Value, m => inputs[m.Key])),
            new InterpreterCase(fp16.Program, fp16.Import.InputNames.ToDictionary(m => m.Value, m => inputs[m.Key])),
            fp32.Import.OutputNames);
    }
}
