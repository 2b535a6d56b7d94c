using MilForge.Numerics;

namespace MilForge.Runtime.Kernels;

/// <summary>Executes one or more MIL op types. Kernels are stateless and never modify their inputs.</summary>
public interface IKernel
{
    /// <summary>The MIL op types this kernel runs.</summary>
    IEnumerable<string> OpTypes { get; }

    /// <summary>Computes the op's outputs.</summary>
    IReadOnlyList<Tensor> Execute(KernelContext context);
}
