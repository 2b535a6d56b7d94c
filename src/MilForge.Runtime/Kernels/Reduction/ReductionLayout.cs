namespace MilForge.Runtime.Kernels.Reduction;

/// <summary>Groups the flat indices of a tensor by output element of a reduction over some axes.</summary>
internal static class ReductionLayout
{
    /// <summary>For each output element (row-major), the input indices reduced into it, in input order.</summary>
    public static int[][] Groups(int[] shape, int[] axes, out int[] outShape, bool keepDims)
    {
        var reduced = new bool[shape.Length];
        foreach (var a in axes)
        {
            reduced[a] = true;
        }
        var keptShape = shape.Where((_, i) => !reduced[i]).ToArray();
        outShape = keepDims ? [.. shape.Select((d, i) => reduced[i] ? 1 : d)] : keptShape;
        var outCount = keptShape.Aggregate(1, (p, d) => p * d);
        var groupSize = axes.Aggregate(1, (p, a) => p * shape[a]);
        var groups = new int[outCount][];
        var fill = new int[outCount];
        for (var g = 0; g < outCount; g++)
        {
            groups[g] = new int[groupSize];
        }
        var index = new int[shape.Length];
        var total = shape.Aggregate(1, (p, d) => p * d);
        for (var flat = 0; flat < total; flat++)
        {
            var g = 0;
            for (var d = 0; d < shape.Length; d++)
            {
                if (!reduced[d])
                {
                    g = (g * shape[d]) + index[d];
                }
            }
            groups[g][fill[g]++] = flat;
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                if (++index[d] < shape[d])
                {
                    break;
                }
                index[d] = 0;
            }
        }
        return groups;
    }
}
