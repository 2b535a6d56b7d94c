namespace MilForge.Runtime.Tests;

/// <summary>Index helpers and comparison for the naive reference implementations in the kernel tests.</summary>
internal static class Reference
{
    /// <summary>Every multi-index of <paramref name="shape"/> in row-major order.</summary>
    public static IEnumerable<int[]> Indices(int[] shape)
    {
        if (shape.Any(d => d == 0))
        {
            yield break;
        }
        var index = new int[shape.Length];
        while (true)
        {
            yield return (int[])index.Clone();
            var d = shape.Length - 1;
            for (; d >= 0; d--)
            {
                if (++index[d] < shape[d])
                {
                    break;
                }
                index[d] = 0;
            }
            if (d < 0)
            {
                yield break;
            }
        }
    }

    /// <summary>Row-major flat offset of a multi-index.</summary>
    public static int Flat(int[] shape, int[] index)
    {
        var flat = 0;
        for (var d = 0; d < shape.Length; d++)
        {
            flat = (flat * shape[d]) + index[d];
        }
        return flat;
    }

    public static int Count(int[] shape) => shape.Aggregate(1, (p, d) => p * d);

    /// <summary>Asserts shape and values (|a − e| ≤ atol + rtol·|e|; NaNs must match).</summary>
    public static void AssertClose(int[] shape, double[] expected, Tensor actual, double atol = 1e-5, double rtol = 1e-5)
    {
        Assert.Equal(shape, actual.Shape);
        var a = actual.AsDoubles();
        Assert.Equal(expected.Length, a.Length);
        for (var i = 0; i < a.Length; i++)
        {
            var ok = double.IsNaN(expected[i]) ? double.IsNaN(a[i])
                : a[i] == expected[i] || Math.Abs(a[i] - expected[i]) <= atol + (rtol * Math.Abs(expected[i]));
            Assert.True(ok, $"element {i}: expected {expected[i]:R}, actual {a[i]:R}");
        }
    }

    /// <summary>Asserts that <paramref name="actual"/> holds exactly the elements of <paramref name="source"/> at <paramref name="map"/>.</summary>
    public static void AssertGathered(Tensor source, int[] shape, IReadOnlyList<int> map, Tensor actual)
    {
        Assert.Equal(shape, actual.Shape);
        Assert.Equal(source.DataType, actual.DataType);
        Assert.Equal(map.Count, actual.Length);
        for (var i = 0; i < map.Count; i++)
        {
            Assert.True(source.GetDouble(map[i]).Equals(actual.GetDouble(i)), $"element {i}: expected source[{map[i]}] = {source.GetDouble(map[i])}, got {actual.GetDouble(i)}");
        }
    }
}
