using MilForge.Mil;
using MilForge.Numerics;
using MilForge.OnnxRuntime;
using MilForge.Precision.Comparison;
using MilForge.Runtime;

namespace MilForge.Benchmarks;

/// <summary>The engine settings every benchmark shares.</summary>
internal static class Engines
{
    /// <summary>
    /// ONNX Runtime as its users get it: all graph optimizations (its default), one intra-op thread. MilForge's
    /// reference runner uses basic optimizations instead, to stay close to the operator definitions.
    /// </summary>
    public static OrtSessionSettings OrtSingleThread { get; } = new() { Optimization = OrtGraphOptimization.All, IntraOpThreads = 1 };

    /// <summary>The same with ONNX Runtime's default thread count (one per physical core).</summary>
    public static OrtSessionSettings OrtDefaultThreads { get; } = new() { Optimization = OrtGraphOptimization.All, IntraOpThreads = 0 };

    /// <summary>fp32-accumulate, the interpreter's default.</summary>
    public static RunOptions Fp32Accumulate { get; } = new();

    /// <summary>fp16-accumulate: every term and partial sum of FP16 ops rounded to binary16.</summary>
    public static RunOptions Fp16Accumulate { get; } = new() { Policy = new PrecisionPolicy(AccumulationPolicy.Fp16Accumulate) };

    public static MilInterpreter Interpreter { get; } = new();

    /// <summary>
    /// Fails the setup when the interpreter's FP32 result is not ONNX Runtime's (so a benchmark never times two
    /// different computations). <paramref name="outputNames"/> maps ONNX output names to MIL output names.
    /// </summary>
    public static void CheckSame(string what, IReadOnlyList<KeyValuePair<string, Tensor>> reference, IReadOnlyDictionary<string, Tensor> candidate,
        IReadOnlyList<KeyValuePair<string, string>>? outputNames = null)
    {
        for (var i = 0; i < reference.Count; i++)
        {
            var (name, expected) = reference[i];
            var milName = outputNames?[i].Value ?? name;
            var comparison = TensorComparer.Compare(name, expected, candidate[milName], 1e-3, 1e-3);
            if (!comparison.Passed)
            {
                throw new InvalidOperationException($"{what}: the interpreter's FP32 output '{name}' differs from ONNX Runtime's "
                    + $"({comparison.Mismatches}/{comparison.Elements} elements, max abs {comparison.MaxAbsError:G3}); not benchmarking different computations.");
            }
        }
    }
}

/// <summary>A program with its inputs bound by MIL name and already cast to the declared types (no cast is timed).</summary>
internal sealed class InterpreterCase
{
    private readonly MilProgram _program;
    private readonly Dictionary<string, Tensor> _inputs;

    public InterpreterCase(MilProgram program, IReadOnlyDictionary<string, Tensor> inputs)
    {
        _program = program;
        _inputs = program.Main.Inputs.ToDictionary(v => v.Name, v => inputs[v.Name].CastTo(v.DataType), StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, Tensor> Run(RunOptions options) => Engines.Interpreter.Run(_program, _inputs, options);
}
