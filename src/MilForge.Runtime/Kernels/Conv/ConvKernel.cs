using MilForge.Numerics;
using MilForge.Runtime.Kernels.Linear;

namespace MilForge.Runtime.Kernels.Conv;

/// <summary>
/// <c>conv</c> with groups, strides, dilations and every pad type. Under fp16-accumulate every product and partial
/// sum is rounded in a fixed order (the vectorised <see cref="Fp16AccumulateConv"/> on fp16 operands, else the
/// reference); otherwise the fast kernel runs, which a test holds to the reference.
/// </summary>
internal sealed class ConvKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["conv"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var problem = ConvProblem.From(context);
        if (!context.RoundPartialSums)
        {
            return [context.Output(ConvFast.Run(problem), problem.OutputShape)];
        }
        // The vectorised kernel is bit-identical to the reference on binary16 operands (a test holds it to that).
        return Fp16AccumulateGemm.IsSupported && AllFp16(context)
            ? [context.Output(Fp16AccumulateConv.Run(problem), problem.OutputShape)]
            : [context.Output(ConvReference.Run(problem, roundPartialSums: true), problem.OutputShape)];
    }

    private static bool AllFp16(KernelContext context) =>
        context.Input("x").DataType == DataType.Float16 && context.Input("weight").DataType == DataType.Float16
        && context.OptionalInput("bias") is null or { DataType: DataType.Float16 };
}
