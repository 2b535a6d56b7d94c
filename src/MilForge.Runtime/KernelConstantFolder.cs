using MilForge.Mil;
using MilForge.Mil.Ops;
using MilForge.Numerics;
using MilForge.Runtime.Kernels;

namespace MilForge.Runtime;

/// <summary>
/// Folds ops whose inputs are all constant by running their kernel, so compile-time evaluation and run-time
/// evaluation cannot disagree. Results larger than <see cref="MaxElements"/> are not folded.
/// </summary>
public sealed class KernelConstantFolder : IConstantFolder
{
    private readonly KernelRegistry _kernels;

    /// <summary>Creates a folder over the given kernels (default: all).</summary>
    public KernelConstantFolder(KernelRegistry? kernels = null) => _kernels = kernels ?? KernelRegistry.Default;

    /// <summary>The largest folded result, in elements; larger results stay as ops.</summary>
    public long MaxElements { get; init; } = 64L * 1024 * 1024;

    /// <inheritdoc />
    public IReadOnlyList<Tensor>? TryFold(Operation op)
    {
        if (_kernels.Find(op.Type) is not { } kernel
            || op.Outputs.Any(o => o.Type is not TensorType t || (t.Shape.ElementCount ?? 0) > MaxElements))
        {
            return null;
        }
        return kernel.Execute(new KernelContext(op, v => v.ConstantValue!, PrecisionPolicy.Default));
    }
}
