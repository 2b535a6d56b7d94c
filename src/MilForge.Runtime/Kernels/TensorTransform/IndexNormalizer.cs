namespace MilForge.Runtime.Kernels.TensorTransform;

/// <summary>
/// Index checks shared by the gather/scatter kernels: negative indices count from the end before iOS17 and are out of
/// range from iOS17 (as in Core ML); an index outside its dim is an error (RUN4003) naming the op.
/// </summary>
internal static class IndexNormalizer
{
    /// <summary>True when the op's program accepts negative indices (targets before iOS17).</summary>
    public static bool NegativeAllowed(KernelContext context) =>
        context.Op.Parent?.Function.Target is not { } target || target < Mil.DeploymentTarget.iOS17;

    /// <summary>One index into a dim of <paramref name="size"/>, made non-negative.</summary>
    public static int Normalize(KernelContext context, long index, int size, bool negativeAllowed, string what)
    {
        var v = index < 0 && negativeAllowed ? index + size : index;
        return v >= 0 && v < size ? (int)v
            : throw context.Error($"index {index} is out of range for {what} of size {size}"
                + (index < 0 && !negativeAllowed ? " (negative indices are out of range from iOS17)" : ""));
    }
}
