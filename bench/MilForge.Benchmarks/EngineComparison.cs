using BenchmarkDotNet.Attributes;
using MilForge.Numerics;
using MilForge.OnnxRuntime;

namespace MilForge.Benchmarks;

/// <summary>
/// The five engines every benchmark compares on one computation: ONNX Runtime with default threads (the baseline) and
/// with one thread, and the interpreter in FP32 and in FP16 under both accumulation policies. A subclass's setup
/// calls <see cref="Prepare"/>.
/// </summary>
[MemoryDiagnoser(displayGenColumns: false)]
public abstract class EngineComparison
{
    private OrtSession? _ortSingle;
    private OrtSession? _ortDefault;
    private InterpreterCase? _fp32;
    private InterpreterCase? _fp16;
    private Dictionary<string, Tensor> _inputs = [];

    /// <summary>
    /// Loads both ONNX Runtime sessions and both programs, then checks that the interpreter's FP32 result is ONNX
    /// Runtime's (so no benchmark times two different computations). <paramref name="outputNames"/> maps ONNX output
    /// names to MIL output names.
    /// </summary>
    private protected void Prepare(string name, byte[] onnx, Dictionary<string, Tensor> inputs, InterpreterCase fp32, InterpreterCase fp16,
        IReadOnlyList<KeyValuePair<string, string>>? outputNames)
    {
        _inputs = inputs;
        _ortSingle = new OrtSession(onnx, name, Engines.OrtSingleThread);
        _ortDefault = new OrtSession(onnx, name, Engines.OrtDefaultThreads);
        (_fp32, _fp16) = (fp32, fp16);
        Engines.CheckSame(name, _ortSingle.Run(inputs), fp32.Run(Engines.Fp32Accumulate), outputNames);
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
