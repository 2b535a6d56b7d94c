using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Elementwise;

/// <summary><c>cast</c> (to the declared output type) and <c>identity</c>.</summary>
internal sealed class CastKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["cast", "identity"];

    public IReadOnlyList<Tensor> Execute(KernelContext context) => [context.Input("x").CastTo(context.OutputType())];
}
