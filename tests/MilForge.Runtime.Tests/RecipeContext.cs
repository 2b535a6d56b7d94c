using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests;

/// <summary>Random, valid inputs for one op instance: shapes, fed tensors and literal parameters.</summary>
internal sealed class RecipeContext(KernelHarness harness, Random random, DataType floatType)
{
    public KernelHarness H { get; } = harness;

    public Random R { get; } = random;

    /// <summary>The float type of this run (fp32 or fp16).</summary>
    public DataType F { get; } = floatType;

    public MilBuilder B => H.Builder;

    public int Int(int lo, int hiInclusive) => R.Next(lo, hiInclusive + 1);

    public bool Coin(double p = 0.5) => R.NextDouble() < p;

    public T Pick<T>(params T[] items) => items[R.Next(items.Length)];

    /// <summary>A dim size in [lo, hi], zero with probability 1/8 when <paramref name="zero"/>.</summary>
    public int Dim(int lo = 1, int hi = 4, bool zero = true) => zero && Coin(0.125) ? 0 : Int(lo, hi);

    public int[] Shape(int minRank, int maxRank, bool zero = true) =>
        [.. Enumerable.Range(0, Int(minRank, maxRank)).Select(_ => Dim(zero: zero))];

    /// <summary>A fed input of <paramref name="type"/> (default: the float type) with random values.</summary>
    public Value Data(int[] shape, DataType? type = null, double lo = -2, double hi = 2)
    {
        var t = type ?? F;
        var values = Enumerable.Range(0, Reference.Count(shape)).Select(_ => lo + (R.NextDouble() * (hi - lo))).ToArray();
        var tensor = t == DataType.Bool ? Tensor.FromDoubles([.. values.Select(v => v > 0 ? 1.0 : 0.0)], shape, t)
            : t.IsInteger() ? Tensor.FromDoubles([.. values.Select(v => Math.Round(v))], shape, t)
            : Tensor.FromDoubles(values, shape, t);
        return H.In(tensor);
    }

    /// <summary>A scalar literal of the float type.</summary>
    public Tensor Scalar(double v) => Tensor.FromDoubles([v], [], F);

    /// <summary>A const tensor of the float type.</summary>
    public Tensor Weights(params int[] shape) =>
        Tensor.FromDoubles([.. Enumerable.Range(0, Reference.Count(shape)).Select(_ => R.NextDouble() - 0.5)], shape, F);

    /// <summary>Two or three shapes that broadcast to <paramref name="outShape"/> (dims set to 1, leading dims dropped).</summary>
    public int[] BroadcastFrom(int[] outShape)
    {
        var drop = Int(0, outShape.Length);
        return [.. outShape.Skip(drop).Select(d => Coin(0.3) ? 1 : d)];
    }

    public IReadOnlyList<Value> One(string op, OpArgs args) => [B.Single(op, args)];
}
