using MilForge.Numerics;

namespace MilForge.Precision.Inputs;

/// <summary>
/// Seeded random inputs of the declared shapes, each as its <see cref="InputRecipe"/> says: by default floats
/// uniform in [−1, 1), integers in [0, 4), random bools; or uniform or normal within a given range (integers: the
/// whole numbers in it), or all ones. Symbolic dims become 1. The same seed gives the same tensors on every machine.
/// </summary>
public static class RandomInputs
{
    /// <summary>The default seed.</summary>
    public const int DefaultSeed = 0;

    /// <summary>Generates one tensor per signature, uniform within the given ranges (the default elsewhere).</summary>
    public static Dictionary<string, Tensor> Generate(IReadOnlyList<TensorSignature> signatures, int seed = DefaultSeed,
        IReadOnlyDictionary<string, InputRange>? ranges = null) =>
        Generate(signatures, seed, signatures.Select(s => ranges is not null && ranges.TryGetValue(s.Name, out var r)
            ? InputRecipe.Default(s.Name) with { Range = r, Reason = "--input-range" }
            : InputRecipe.Default(s.Name)).ToList());

    /// <summary>Generates one tensor per signature by the recipe of the same index.</summary>
    public static Dictionary<string, Tensor> Generate(IReadOnlyList<TensorSignature> signatures, int seed, IReadOnlyList<InputRecipe> recipes)
    {
        var random = new Random(seed);
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (var k = 0; k < signatures.Count; k++)
        {
            var s = signatures[k];
            var recipe = recipes[k];
            var shape = s.Shape.Dims.Select(d => d.IsKnown ? (int)d.Size : 1).ToArray();
            var values = new double[Broadcasting.Product(shape)];
            Fill(values, s.DataType, recipe, random);
            result[s.Name] = Tensor.FromDoubles(values, shape, s.DataType == DataType.String ? DataType.Float32 : s.DataType);
        }
        return result;
    }

    private static void Fill(double[] values, DataType type, InputRecipe recipe, Random random)
    {
        if (recipe.Ones)
        {
            Array.Fill(values, 1.0);
            return;
        }
        var range = recipe.IndexLimit is { } limit ? new InputRange(0, limit - 1) : recipe.Range;
        var isFloat = type.IsFloat() || type == DataType.String;
        var (low, high) = range is null ? (0L, 3L) : ((long)Math.Ceiling(range.Low), (long)Math.Floor(range.High));
        for (var i = 0; i < values.Length; i++)
        {
            if (recipe.Distribution == InputDistribution.Normal)
            {
                var z = Normal(random);
                var v = range is null ? z : Math.Clamp(((range.Low + range.High) / 2) + (z * (range.High - range.Low) / 6), range.Low, range.High);
                values[i] = isFloat ? v : range is null ? Math.Round(v) : Math.Clamp(Math.Round(v), low, Math.Max(low, high));
                continue;
            }
            values[i] = type switch
            {
                DataType.Bool when range is null => random.Next(2),
                _ when isFloat && range is not null => range.Low + (random.NextDouble() * (range.High - range.Low)),
                _ when isFloat => (random.NextDouble() * 2) - 1,
                _ => high < low ? low : random.NextInt64(low, high + 1),
            };
        }
    }

    /// <summary>A standard normal draw (Box–Muller on two uniform draws).</summary>
    private static double Normal(Random random)
    {
        var u = 1.0 - random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
