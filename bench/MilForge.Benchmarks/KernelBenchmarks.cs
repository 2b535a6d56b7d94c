using BenchmarkDotNet.Attributes;
using MilForge.Numerics;
using MilForge.OnnxRuntime;

namespace MilForge.Benchmarks;

/// <summary>
/// Single ops: ONNX Runtime on a one-node ONNX model (the baseline) against the interpreter on the equivalent one-op
/// MIL program, in FP32 and in FP16 (fp16 input and weights) with either accumulation policy.
/// </summary>
[MemoryDiagnoser(displayGenColumns: false)]
public class KernelBenchmarks
{
    private OrtSession? _ortSingle;
    private OrtSession? _ortDefault;
    private InterpreterCase? _fp32;
    private InterpreterCase? _fp16;
    private Dictionary<string, Tensor> _inputs = [];

    /// <summary>The op and its sizes (see <see cref="KernelCase"/>).</summary>
    [ParamsSource(nameof(Kernels))]
    public string Kernel { get; set; } = "conv3x3_64x56x56";

    public static IEnumerable<string> Kernels() => KernelCase.Names;

    [GlobalSetup]
    public void Setup()
    {
        var c = KernelCase.Get(Kernel);
        _inputs = c.Inputs;
        _ortSingle = new OrtSession(c.Onnx, c.Name, Engines.OrtSingleThread);
        _ortDefault = new OrtSession(c.Onnx, c.Name, Engines.OrtDefaultThreads);
        var (fp32, output) = c.Mil(DataType.Float32);
        _fp32 = new InterpreterCase(fp32, c.Inputs);
        _fp16 = new InterpreterCase(c.Mil(DataType.Float16).Program, c.Inputs);
        Engines.CheckSame(Kernel, _ortSingle.Run(c.Inputs), _fp32.Run(Engines.Fp32Accumulate), [new("y", output)]);
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
