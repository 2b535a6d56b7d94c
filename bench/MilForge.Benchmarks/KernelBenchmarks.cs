using BenchmarkDotNet.Attributes;
using MilForge.Numerics;

namespace MilForge.Benchmarks;

/// <summary>
/// Single ops: ONNX Runtime on a one-node ONNX model (the baseline) against the interpreter on the equivalent one-op
/// MIL program, in FP32 and in FP16 (fp16 input and weights) with either accumulation policy.
/// </summary>
public class KernelBenchmarks : EngineComparison
{
    /// <summary>The op and its sizes (see <see cref="KernelCase"/>).</summary>
    [ParamsSource(nameof(Kernels))]
    public string Kernel { get; set; } = "conv3x3_64x56x56";

    public static IEnumerable<string> Kernels() => KernelCase.Names;

    [GlobalSetup]
    public void Setup()
    {
        var c = KernelCase.Get(Kernel);
        var (fp32, output) = c.Mil(DataType.Float32);
        Prepare(c.Name, c.Onnx, c.Inputs, new InterpreterCase(fp32, c.Inputs), new InterpreterCase(c.Mil(DataType.Float16).Program, c.Inputs), [new("y", output)]);
    }
}
