namespace MilForge.Runtime.Kernels.Quantization;

/// <summary>
/// Maps the flat index of an element of a tensor to the flat index of the block (of a smaller grid of the same rank)
/// that covers it: along each dimension d, element coordinate c lies in block c / (shape[d] / grid[d]).
/// </summary>
internal static class BlockIndex
{
    /// <summary>For every element of <paramref name="shape"/> (row-major), the flat index of its block in <paramref name="grid"/>.</summary>
    public static int[] Map(int[] shape, int[] grid)
    {
        var count = shape.Aggregate(1, (a, d) => a * d);
        var result = new int[count];
        var coords = new int[shape.Length];
        for (var i = 0; i < count; i++)
        {
            var block = 0;
            for (var d = 0; d < shape.Length; d++)
            {
                block = block * grid[d] + coords[d] / (shape[d] / grid[d]);
            }
            result[i] = block;
            for (var d = shape.Length - 1; d >= 0 && ++coords[d] == shape[d]; d--)
            {
                coords[d] = 0;
            }
        }
        return result;
    }
}
