using MilForge.Numerics;

namespace MilForge.Precision.Inputs;

/// <summary>
/// Seeded random inputs of the declared shapes: floats uniform in [−1, 1), integers in [0, 4), random bools, or
/// uniform within a given range (integers: the whole numbers in it). Symbolic dims become 1. The same seed gives the
/// same tensors on every machine.
/// </summary>
public static class RandomInputs
{
    /// <summary>The default seed.</summary>
    public const int DefaultSeed = 0;

    /// <summary>Generates one tensor per signature.</summary>
    public static Dictionary<string, Tensor> Generate(IReadOnlyList<TensorSignature> signatures, int seed = DefaultSeed,
        IReadOnlyDictionary<string, InputRange>? ranges = null)
    {
        var random = new Random(seed);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var s in signatures)
        {
            var shape = s.Shape.Dims.Select(d => d.IsKnown ? (int)d.Size : 1).ToArray();
            var n = Broadcasting.Product(shape);
            var values = new double[n];
            var range = ranges is not null && ranges.TryGetValue(s.Name, out var r) ? r : null;
            var (low, high) = range is null ? (0L, 3L) : ((long)Math.Ceiling(range.Low), (long)Math.Floor(range.High));
            for (var i = 0; i < n; i++)
            {
                values[i] = s.DataType switch
                {
                    DataType.Bool => random.Next(2),
                    _ when s.DataType.IsFloat() && range is not null => range.Low + (random.NextDouble() * (range.High - range.Low)),
                    _ when s.DataType.IsFloat() => (random.NextDouble() * 2) - 1,
                    _ => high < low ? low : random.NextInt64(low, high + 1),
                };
            }
            result[s.Name] = Tensor.FromDoubles(values, shape, s.DataType == DataType.String ? DataType.Float32 : s.DataType);
        }
        return result;
    }
}
