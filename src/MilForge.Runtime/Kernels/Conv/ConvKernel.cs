using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Conv;

/// <summary>
/// <c>conv</c> with groups, strides, dilations and every pad type. Under fp16-accumulate the reference kernel runs
/// (it rounds every product and partial sum in a fixed order); otherwise the fast kernel does, which a test holds
/// to the reference.
/// </summary>
internal sealed class ConvKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["conv"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var problem = ConvProblem.From(context);
        return context.RoundPartialSums
            ? [context.Output(ConvReference.Run(problem, roundPartialSums: true), problem.OutputShape)]
            : [context.Output(ConvFast.Run(problem), problem.OutputShape)];
    }
}
