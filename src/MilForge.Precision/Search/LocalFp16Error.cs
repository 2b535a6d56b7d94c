using MilForge.Mil;
using MilForge.Numerics;
using MilForge.Precision.Debugging;
using MilForge.Runtime;

namespace MilForge.Precision.Search;

/// <summary>One op's local FP16 error: what its FP16 kernel alone does to exact inputs.</summary>
/// <param name="Op">The op name in the FP32 program.</param>
/// <param name="OpType">The MIL op type.</param>
/// <param name="RelativeL2">‖y16 − y32‖₂ / ‖y32‖₂ over every float output and sample (0 when both are 0; +∞ when FP16 yields NaN/Inf where FP32 is finite).</param>
public sealed record LocalError(string Op, string OpType, double RelativeL2);

/// <summary>
/// Measures every op's local FP16 error in one FP32 pass over the samples, with no program rebuild: while the FP32
/// program runs, each op's counterpart in the shipped FP16 program is run by its kernel on the op's exact FP32 inputs,
/// each rounded to the type the FP16 op reads (binary16, as its casts would deliver them) and its constants as the FP16
/// program holds them; its outputs are compared with the FP32 op's outputs by relative L2 error. An op the shipped
/// program keeps in FP32, or one with nested blocks, has local error 0. The error sums what converting the op alone
/// costs: rounding of its inputs and weights, its arithmetic, and rounding of its result.
/// </summary>
public static class LocalFp16Error
{
    /// <summary>Local errors of the FP32 program's ops that have an FP16 counterpart, in FP32 program order.</summary>
    public static IReadOnlyList<LocalError> Measure(PrecisionSubject subject, IReadOnlyList<IReadOnlyDictionary<string, Tensor>> samples, PrecisionPolicy policy)
    {
        var counterpart = Counterparts(subject.Shipped);
        var listener = new Listener(counterpart, policy);
        var interpreter = new MilInterpreter();
        foreach (var sample in samples)
        {
            interpreter.Run(subject.Fp32, sample, new RunOptions { Listener = listener });
        }
        return [.. subject.Fp32.Main.AllOperations().Where(o => listener.Sums.ContainsKey(o.Name))
            .Select(o => new LocalError(o.Name, o.Type, listener.Sums[o.Name].RelativeL2))];
    }

    /// <summary>FP32 output value name → the shipped program's FP16 op producing its counterpart.</summary>
    private static Dictionary<string, Operation> Counterparts(Fp16Build shipped)
    {
        var map = new Dictionary<string, Operation>(StringComparer.Ordinal);
        foreach (var op in shipped.Program.Main.AllOperations().Where(o => !o.IsConst && o.Type != "cast" && o.Blocks.Count == 0))
        {
            if (!op.Outputs.Any(o => o.Type is TensorType { DataType: DataType.Float16 }))
            {
                continue;
            }
            foreach (var output in op.Outputs)
            {
                map[shipped.Fp32Names.GetValueOrDefault(output.Name, output.Name)] = op;
            }
        }
        return map;
    }

    private sealed class Sum
    {
        public double Error;
        public double Reference;
        public bool NonFinite;

        public double RelativeL2 => NonFinite ? double.PositiveInfinity : Reference > 0 ? Math.Sqrt(Error / Reference) : Error > 0 ? double.PositiveInfinity : 0;
    }

    private sealed class Listener(Dictionary<string, Operation> counterpart, PrecisionPolicy policy) : IInterpreterListener
    {
        public Dictionary<string, Sum> Sums { get; } = new(StringComparer.Ordinal);

        public void AfterOp(Operation op, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
        {
            if (op.IsConst || op.Blocks.Count > 0 || op.Outputs.Count == 0 || !counterpart.TryGetValue(op.Outputs[0].Name, out var fp16))
            {
                return;
            }
            var fp32Inputs = new Dictionary<Value, Tensor>();
            foreach (var (value, tensor) in op.InputValues.Zip(inputs))
            {
                fp32Inputs[value] = tensor;
            }
            var fed = new Dictionary<Value, Tensor>();
            foreach (var (parameter, argument) in fp16.Inputs)
            {
                if (!op.Inputs.TryGetValue(parameter, out var original) || original.Values.Length != argument.Values.Length)
                {
                    return;
                }
                for (var i = 0; i < argument.Values.Length; i++)
                {
                    var v = argument.Values[i];
                    var exact = fp32Inputs[original.Values[i]];
                    fed[v] = v.ConstantValue ?? (v.Type is TensorType t && t.DataType != exact.DataType ? exact.CastTo(t.DataType) : exact);
                }
            }
            var results = SingleOpRunner.Run(fp16, v => fed[v], policy);
            var sum = Sums.TryGetValue(op.Name, out var s) ? s : Sums[op.Name] = new Sum();
            for (var k = 0; k < outputs.Count && k < results.Count; k++)
            {
                if (outputs[k].DataType.IsFloat() && results[k].DataType.IsFloat())
                {
                    Accumulate(sum, outputs[k].AsFloats(), results[k].CastTo(DataType.Float32).AsFloats());
                }
            }
        }

        private static void Accumulate(Sum sum, float[] reference, float[] candidate)
        {
            for (var i = 0; i < Math.Min(reference.Length, candidate.Length); i++)
            {
                var r = (double)reference[i];
                if (!double.IsFinite(r))
                {
                    continue;
                }
                if (!float.IsFinite(candidate[i]))
                {
                    sum.NonFinite = true;
                    continue;
                }
                var d = candidate[i] - r;
                sum.Error += d * d;
                sum.Reference += r * r;
            }
        }
    }
}
