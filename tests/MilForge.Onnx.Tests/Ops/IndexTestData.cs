namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Data for the index-producing ops (ArgMax, TopK, ...): values whose order survives FP16, so an index compared with
/// ONNX Runtime's FP32 result cannot flip on rounding, and values with deliberate ties.
/// </summary>
internal static class IndexTestData
{
    /// <summary>Distinct multiples of 0.25 in a shuffled order (exact in binary16 up to 8192 elements).</summary>
    public static Tensor Distinct(int seed, int[] shape)
    {
        var count = Broadcasting.Product(shape);
        var values = Enumerable.Range(0, count).Select(i => (i - (count / 2)) * 0.25f).ToArray();
        new Random(seed).Shuffle(values);
        return Tensor.Create(values, shape);
    }

    /// <summary>Small integers as floats, so most rows hold ties.</summary>
    public static Tensor Ties(int seed, int[] shape, int levels = 3) =>
        TestTensors.Longs(seed, shape, 0, levels).CastTo(DataType.Float32);

    /// <summary>Distinct integers (<see cref="Distinct"/> × 4) of an integer type.</summary>
    public static Tensor DistinctIntegers(int seed, int[] shape, DataType type) =>
        Tensor.FromDoubles([.. Distinct(seed, shape).AsDoubles().Select(d => d * 4)], shape, type);
}
