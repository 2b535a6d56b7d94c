using MilForge.Precision.Inputs;
using MilForge.Precision.Static;

namespace MilForge.Precision.Tests.Static;

/// <summary>
/// Samples inside input ranges that include the ends: every element at the low end, every element at the high end,
/// and seeded random samples where about one element in eight sits exactly at an end.
/// </summary>
internal static class EdgeSamples
{
    public static List<IReadOnlyDictionary<string, Tensor>> For(IReadOnlyList<TensorSignature> inputs, InputOverrides ranges, int random = 6)
    {
        var result = new List<IReadOnlyDictionary<string, Tensor>>
        {
            Make(inputs, ranges, (_, r) => r.Low),
            Make(inputs, ranges, (_, r) => r.High),
        };
        for (var seed = 0; seed < random; seed++)
        {
            var rng = new Random(seed);
            result.Add(Make(inputs, ranges, (_, r) => rng.Next(8) switch
            {
                0 => r.Low,
                1 => r.High,
                _ => r.Low + (rng.NextDouble() * (r.High - r.Low)),
            }));
        }
        return result;
    }

    private static Dictionary<string, Tensor> Make(IReadOnlyList<TensorSignature> inputs, InputOverrides ranges, Func<int, Interval, double> value)
    {
        var sample = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var s in inputs)
        {
            var range = ranges.Ranges.TryGetValue(s.Name, out var r) ? new Interval(r.Low, r.High) : StaticBoundAnalyzer.DefaultRange(s.DataType);
            var shape = s.Shape.Dims.Select(d => d.IsKnown ? (int)d.Size : 1).ToArray();
            var values = new double[Broadcasting.Product(shape)];
            for (var i = 0; i < values.Length; i++)
            {
                var v = value(i, range);
                values[i] = s.DataType.IsFloat() ? (float)v : Math.Clamp(Math.Round(v), Math.Ceiling(range.Low), Math.Floor(range.High));
            }
            sample[s.Name] = Tensor.FromDoubles(values, shape, s.DataType);
        }
        return sample;
    }
}
