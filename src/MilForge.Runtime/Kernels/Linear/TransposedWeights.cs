using System.Runtime.CompilerServices;
using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Linear;

/// <summary>
/// Wᵀ of <c>linear</c> weights as floats, computed once per weight storage array. Tensors are immutable, so a const
/// weight's transpose stays valid for every later run; entries die with the weight.
/// </summary>
internal static class TransposedWeights
{
    private static readonly ConditionalWeakTable<Array, float[]> Cache = [];

    /// <summary>The [in, out] transpose of the [out, in] weight <paramref name="weight"/>, as floats.</summary>
    public static float[] Get(Tensor weight) => Cache.GetValue(weight.Data, _ =>
    {
        var values = weight.AsFloats();
        var (rows, columns) = (weight.Shape[0], weight.Shape[1]);
        var transposed = new float[values.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                transposed[(c * rows) + r] = values[(r * columns) + c];
            }
        }
        return transposed;
    });
}
