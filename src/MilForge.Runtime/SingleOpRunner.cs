using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Numerics;
using MilForge.Runtime.Kernels;

namespace MilForge.Runtime;

/// <summary>
/// Runs one op's kernel on tensors the caller supplies, outside any interpreter run: the precision tools use it to
/// measure what a single FP16 op does to exact inputs. Ops with nested blocks (control flow) are not supported.
/// </summary>
public static class SingleOpRunner
{
    /// <summary>
    /// The op's outputs for the given input tensors (<paramref name="valueOf"/> is asked for every value the op reads;
    /// constants may be answered with their own value). RUN4002 when no kernel runs the op type.
    /// </summary>
    public static IReadOnlyList<Tensor> Run(Operation op, Func<Value, Tensor> valueOf, PrecisionPolicy policy, KernelRegistry? kernels = null)
    {
        if (op.Blocks.Count > 0)
        {
            throw new ArgumentException($"{op} has nested blocks; run it through the interpreter.", nameof(op));
        }
        var kernel = (kernels ?? KernelRegistry.Default).Find(op.Type)
            ?? throw new DiagnosticException(DiagnosticCodes.RunNoKernel, $"The interpreter has no kernel for {op.Type} ('{op.Name}').");
        return kernel.Execute(new KernelContext(op, valueOf, policy));
    }
}
