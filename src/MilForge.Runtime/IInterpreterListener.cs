using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Runtime;

/// <summary>
/// Hooks called around every op the interpreter runs (const ops included). Tracing, statistics and the precision
/// tools are listeners; the interpreter itself knows nothing about them. Input tensors are given in the order of
/// <see cref="Operation.InputValues"/>. Tensors must not be modified.
/// </summary>
public interface IInterpreterListener
{
    /// <summary>Called before an op runs.</summary>
    void BeforeOp(Operation op, IReadOnlyList<Tensor> inputs)
    {
    }

    /// <summary>Called after an op ran, with its outputs.</summary>
    void AfterOp(Operation op, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
    }
}
