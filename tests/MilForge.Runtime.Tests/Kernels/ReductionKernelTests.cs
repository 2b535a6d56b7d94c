using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests.Kernels;

public class ReductionKernelTests
{
    private static readonly Dictionary<string, Func<double[], double>> Naive = new()
    {
        ["reduce_sum"] = v => v.Sum(),
        ["reduce_mean"] = v => v.Length == 0 ? double.NaN : v.Average(),
        ["reduce_max"] = v => v.Length == 0 ? double.NegativeInfinity : v.Max(),
        ["reduce_min"] = v => v.Length == 0 ? double.PositiveInfinity : v.Min(),
        ["reduce_prod"] = v => v.Aggregate(1.0, (p, x) => p * x),
        ["reduce_l1_norm"] = v => v.Sum(Math.Abs),
        ["reduce_l2_norm"] = v => Math.Sqrt(v.Sum(x => x * x)),
        ["reduce_sum_square"] = v => v.Sum(x => x * x),
        ["reduce_log_sum"] = v => Math.Log(v.Sum()),
        ["reduce_log_sum_exp"] = v => Math.Log(v.Sum(Math.Exp)),
    };

    public static TheoryData<string, int[], int[]?, bool> Cases()
    {
        var data = new TheoryData<string, int[], int[]?, bool>();
        foreach (var op in Naive.Keys)
        {
            data.Add(op, [2, 3, 5], [1], false);
            data.Add(op, [2, 3, 5], [0, 2], true);
            data.Add(op, [2, 3, 5], [-1, -3], false);
            data.Add(op, [3, 1, 7], null, false);
            data.Add(op, [4, 3], null, true);
            data.Add(op, [9], [0], true);
            data.Add(op, [2, 0, 3], [2], false);
            data.Add(op, [2, 0, 3], [1], true);
        }
        return data;
    }

    /// <summary>Groups the elements of x by output position and applies the reference function.</summary>
    private static (int[] Shape, double[] Values) Reduce(Func<double[], double> f, Tensor x, int[] axes, bool keep)
    {
        var xs = x.ShapeArray();
        var kept = Enumerable.Range(0, xs.Length).Where(d => !axes.Contains(d)).ToArray();
        var outKept = kept.Select(d => xs[d]).ToArray();
        var groups = new List<double>[Reference.Count(outKept)];
        for (var g = 0; g < groups.Length; g++)
        {
            groups[g] = [];
        }
        foreach (var idx in Reference.Indices(xs))
        {
            groups[Reference.Flat(outKept, [.. kept.Select(d => idx[d])])].Add(x.GetDouble(Reference.Flat(xs, idx)));
        }
        var shape = keep ? xs.Select((d, i) => axes.Contains(i) ? 1 : d).ToArray() : outKept;
        return (shape, [.. groups.Select(g => f([.. g]))]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesNaiveReduction(string op, int[] xShape, int[]? axes, bool keep)
    {
        var x = TestTensors.Uniform(21, xShape, 0.1f, 2f);
        var normalized = axes?.Select(a => a < 0 ? a + xShape.Length : a).ToArray() ?? [.. Enumerable.Range(0, xShape.Length)];
        var (shape, expected) = Reduce(Naive[op], x, normalized, keep);
        var h = new KernelHarness();
        var args = new OpArgs { { "x", h.In(x) }, { "keep_dims", keep } };
        if (axes is not null)
        {
            args.Add("axes", axes);
        }
        Reference.AssertClose(shape, expected, h.Run(h.Builder.Single(op, args)), 1e-5, 1e-5);
    }

    [Fact]
    public void IntegerReductionsStayIntegers()
    {
        var x = Tensor.Create(new[] { 1, -2, 3, 4, 5, -6 }, 2, 3);
        Assert.Equal([2, 3], KernelHarness.Op("reduce_sum", new() { { "x", x }, { "axes", new[] { 1 } } }).Storage<int>());
        Assert.Equal([5, 3, -3], KernelHarness.Op("reduce_sum", new() { { "x", x }, { "axes", new[] { 0 } } }).Storage<int>());
        Assert.Equal([4, 5, 3], KernelHarness.Op("reduce_max", new() { { "x", x }, { "axes", new[] { 0 } } }).Storage<int>());
        Assert.Equal([-6, -120], KernelHarness.Op("reduce_prod", new() { { "x", x }, { "axes", new[] { 1 } } }).Storage<int>());
    }

    [Theory]
    [InlineData("reduce_argmax", -1, false, new[] { 2, 0 }, new[] { 2 })]
    [InlineData("reduce_argmin", -1, false, new[] { 1, 2 }, new[] { 2 })]
    [InlineData("reduce_argmax", 0, true, new[] { 1, 1, 0 }, new[] { 1, 3 })]
    [InlineData("reduce_argmin", 0, false, new[] { 0, 0, 1 }, new[] { 3 })]
    public void ArgReductionsTakeTheFirstExtremum(string op, int axis, bool keep, int[] expected, int[] shape)
    {
        var x = TestTensors.Floats([2, 3], 1, -1, 5, 5, 5, -2);
        var y = KernelHarness.Op(op, new() { { "x", x }, { "axis", axis }, { "keep_dims", keep } });
        Assert.Equal(DataType.Int32, y.DataType);
        Assert.Equal(shape, y.Shape);
        Assert.Equal(expected, y.Storage<int>());
    }
}
