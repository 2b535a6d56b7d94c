using MilForge.Numerics;

namespace MilForge.Mil.Ops;

/// <summary>
/// Evaluates an op whose inputs are all constant. MIL defines the port; the runtime implements it with its kernels,
/// so kernels stay the single source of numeric truth. The composition root wires it into import and passes.
/// </summary>
public interface IConstantFolder
{
    /// <summary>The op's outputs, or null when it cannot be evaluated at compile time.</summary>
    IReadOnlyList<Tensor>? TryFold(Operation op);
}
