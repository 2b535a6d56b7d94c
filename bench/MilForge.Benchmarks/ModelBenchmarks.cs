using BenchmarkDotNet.Attributes;
using MilForge.Numerics;
using MilForge.OnnxRuntime;
using MilForge.Precision;

namespace MilForge.Benchmarks;

/// <summary>
/// Whole models: ONNX Runtime on the ONNX model (the baseline) against MilForge's interpreter on MilForge's FP32 and
/// FP16 conversions of it. Loading and conversion happen in the setup; only one inference is timed.
/// </summary>
[MemoryDiagnoser(displayGenColumns: false)]
public class ModelBenchmarks
{
    private OrtSession? _ortSingle;
    private OrtSession? _ortDefault;
    private InterpreterCase? _fp32;
    private InterpreterCase? _fp16;
    private Dictionary<string, Tensor> _inputs = [];

    /// <summary>The model: demo, mobilenet_v2, transformer_encoder.</summary>
    [ParamsSource(nameof(Models))]
    public string Model { get; set; } = BenchmarkModels.Demo;

    public static IEnumerable<string> Models() => BenchmarkModels.Available();

    [GlobalSetup]
    public void Setup()
    {
        var (onnx, bytes, inputs) = BenchmarkModels.Load(Model);
        _inputs = inputs;
        _ortSingle = new OrtSession(bytes, Model, Engines.OrtSingleThread);
        _ortDefault = new OrtSession(bytes, Model, Engines.OrtDefaultThreads);
        var fp32 = OnnxConversion.Convert(onnx, new ConversionOptions { Precision = ComputePrecision.Fp32 });
        var fp16 = OnnxConversion.Convert(onnx, new ConversionOptions { Precision = ComputePrecision.Fp16 });
        _fp32 = new InterpreterCase(fp32.Program, fp32.Import.InputNames.ToDictionary(m => m.Value, m => inputs[m.Key]));
        _fp16 = new InterpreterCase(fp16.Program, fp16.Import.InputNames.ToDictionary(m => m.Value, m => inputs[m.Key]));
        Engines.CheckSame(Model, _ortSingle.Run(inputs), _fp32.Run(Engines.Fp32Accumulate), fp32.Import.OutputNames);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _ortSingle?.Dispose();
        _ortDefault?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "ORT, default threads")]
    public object OrtDefaultThreads() => _ortDefault!.Run(_inputs);

    [Benchmark(Description = "ORT, 1 thread")]
    public object OrtSingleThread() => _ortSingle!.Run(_inputs);

    [Benchmark(Description = "MilForge FP32")]
    public object InterpreterFp32() => _fp32!.Run(Engines.Fp32Accumulate);

    [Benchmark(Description = "MilForge FP16, fp32-acc")]
    public object InterpreterFp16() => _fp16!.Run(Engines.Fp32Accumulate);

    [Benchmark(Description = "MilForge FP16, fp16-acc")]
    public object InterpreterFp16Accumulate() => _fp16!.Run(Engines.Fp16Accumulate);
}
