using MilForge.Numerics;

namespace MilForge.TestKit;

/// <summary>Deterministic tensors for tests.</summary>
public static class TestTensors
{
    /// <summary>Uniform floats in [lo, hi).</summary>
    public static Tensor Uniform(int seed, int[] shape, float lo = -1, float hi = 1)
    {
        var random = new Random(seed);
        var values = new float[Broadcasting.Product(shape)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = lo + ((float)random.NextDouble() * (hi - lo));
        }
        return Tensor.Create(values, shape);
    }

    /// <summary>Uniform integers in [lo, hi) as int64 (ONNX's index type).</summary>
    public static Tensor Longs(int seed, int[] shape, long lo, long hi)
    {
        var random = new Random(seed);
        var values = new long[Broadcasting.Product(shape)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.NextInt64(lo, hi);
        }
        return Tensor.Create(values, shape);
    }

    /// <summary>Random bools.</summary>
    public static Tensor Bools(int seed, int[] shape)
    {
        var random = new Random(seed);
        return Tensor.Create(Enumerable.Range(0, Broadcasting.Product(shape)).Select(_ => random.Next(2) == 1).ToArray(), shape);
    }

    /// <summary>A float tensor from values.</summary>
    public static Tensor Floats(int[] shape, params float[] values) => Tensor.Create(values, shape);

    /// <summary>An int64 vector.</summary>
    public static Tensor LongVector(params long[] values) => Tensor.Vector(values);
}
