using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Quantization;

/// <summary><c>constexpr_cast</c>: the fp16 constant widened to the declared output type.</summary>
internal sealed class ConstexprCastKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["constexpr_cast"];

    public IReadOnlyList<Tensor> Execute(KernelContext context) => [context.Input("source_val").CastTo(context.OutputType())];
}
