using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests.Kernels;

/// <summary>softmax, layer_norm, batch_norm and instance_norm against naive references.</summary>
public class NormKernelTests
{
    /// <summary>Applies <paramref name="f"/> to every group of elements that share their coordinates outside <paramref name="axes"/>.</summary>
    private static double[] PerGroup(Tensor x, int[] axes, Func<double[], int[][], double[]> f)
    {
        var xs = x.ShapeArray();
        var kept = Enumerable.Range(0, xs.Length).Where(d => !axes.Contains(d)).ToArray();
        var groups = Reference.Indices(xs).GroupBy(i => Reference.Flat([.. kept.Select(d => xs[d])], [.. kept.Select(d => i[d])]));
        var result = new double[x.Length];
        foreach (var g in groups)
        {
            var members = g.ToArray();
            var values = members.Select(i => x.GetDouble(Reference.Flat(xs, i))).ToArray();
            var outputs = f(values, members);
            for (var k = 0; k < members.Length; k++)
            {
                result[Reference.Flat(xs, members[k])] = outputs[k];
            }
        }
        return result;
    }

    private static double[] Standardize(double[] v, double epsilon)
    {
        var mean = v.Average();
        var variance = v.Sum(x => (x - mean) * (x - mean)) / v.Length;
        return [.. v.Select(x => (x - mean) / Math.Sqrt(variance + epsilon))];
    }

    [Theory]
    [InlineData(new[] { 2, 3, 4 }, -1)]
    [InlineData(new[] { 2, 3, 4 }, 0)]
    [InlineData(new[] { 2, 3, 4 }, 1)]
    [InlineData(new[] { 5, 1 }, -1)]
    [InlineData(new[] { 7 }, 0)]
    [InlineData(new[] { 0, 3 }, 1)]
    [InlineData(new[] { 3, 0 }, 0)]
    public void SoftmaxMatchesNaive(int[] shape, int axis)
    {
        var x = TestTensors.Uniform(31, shape, -20, 20);
        var a = axis < 0 ? axis + shape.Length : axis;
        var expected = PerGroup(x, [a], (v, _) => [.. v.Select(e => Math.Exp(e - v.Max()) / v.Sum(t => Math.Exp(t - v.Max())))]);
        Reference.AssertClose(shape, expected, KernelHarness.Op("softmax", new() { { "x", x }, { "axis", axis } }), 1e-6);
    }

    [Fact]
    public void SoftmaxIsStableForLargeInputs()
    {
        var y = KernelHarness.Op("softmax", new() { { "x", TestTensors.Floats([3], 1000, 1000, -1000) } }).AsFloats();
        Assert.Equal([0.5f, 0.5f, 0f], y);
    }

    [Theory]
    [InlineData(new[] { 2, 3, 5 }, new[] { -1 }, true)]
    [InlineData(new[] { 2, 3, 5 }, new[] { 1, 2 }, false)]
    [InlineData(new[] { 2, 3, 5 }, new[] { 2, 0 }, true)]
    [InlineData(new[] { 2, 3, 5 }, null, true)]
    [InlineData(new[] { 3, 1 }, new[] { 1 }, false)]
    [InlineData(new[] { 0, 4 }, new[] { 1 }, true)]
    public void LayerNormMatchesNaive(int[] shape, int[]? axes, bool affine)
    {
        var x = TestTensors.Uniform(32, shape, -3, 3);
        var normalized = (axes?.Select(a => a < 0 ? a + shape.Length : a) ?? Enumerable.Range(0, shape.Length)).Order().ToArray();
        int[] paramShape = [.. normalized.Select(a => shape[a])];
        var gamma = TestTensors.Uniform(33, paramShape, 0.5f, 2);
        var beta = TestTensors.Uniform(34, paramShape);
        var expected = PerGroup(x, normalized, (v, members) =>
        {
            var s = Standardize(v, 1e-5);
            return affine ? [.. s.Select((e, k) =>
            {
                var p = Reference.Flat(paramShape, [.. normalized.Select(a => members[k][a])]);
                return (e * gamma.GetDouble(p)) + beta.GetDouble(p);
            })] : s;
        });
        var h = new KernelHarness();
        var args = new OpArgs { { "x", h.In(x) } };
        if (axes is not null)
        {
            args.Add("axes", axes);
        }
        if (affine)
        {
            args.Add("gamma", gamma);
            args.Add("beta", beta);
        }
        Reference.AssertClose(shape, expected, h.Run(h.Builder.Single("layer_norm", args)), 1e-5);
    }

    [Theory]
    [InlineData(new[] { 2, 3, 4 }, true)]
    [InlineData(new[] { 1, 3, 2, 5 }, false)]
    [InlineData(new[] { 2, 2, 1, 2, 3 }, true)]
    public void BatchNormMatchesNaive(int[] shape, bool affine)
    {
        var c = shape[1];
        var x = TestTensors.Uniform(35, shape, -3, 3);
        var (mean, variance) = (TestTensors.Uniform(36, [c]), TestTensors.Uniform(37, [c], 0.1f, 2));
        var (gamma, beta) = (TestTensors.Uniform(38, [c]), TestTensors.Uniform(39, [c]));
        var expected = Reference.Indices(shape).Select(i =>
        {
            var n = (x.GetDouble(Reference.Flat(shape, i)) - mean.GetDouble(i[1])) / Math.Sqrt(variance.GetDouble(i[1]) + 1e-3);
            return affine ? (n * gamma.GetDouble(i[1])) + beta.GetDouble(i[1]) : n;
        }).ToArray();
        var h = new KernelHarness();
        var args = new OpArgs { { "x", h.In(x) }, { "mean", mean }, { "variance", variance }, { "epsilon", 1e-3f } };
        if (affine)
        {
            args.Add("gamma", gamma);
            args.Add("beta", beta);
        }
        Reference.AssertClose(shape, expected, h.Run(h.Builder.Single("batch_norm", args)), 1e-5);
    }

    [Theory]
    [InlineData(new[] { 2, 3, 7 }, true)]
    [InlineData(new[] { 1, 2, 3, 3 }, false)]
    [InlineData(new[] { 2, 2, 1, 1 }, true)]
    public void InstanceNormMatchesNaive(int[] shape, bool affine)
    {
        var c = shape[1];
        var x = TestTensors.Uniform(40, shape, -3, 3);
        var (gamma, beta) = (TestTensors.Uniform(41, [c]), TestTensors.Uniform(42, [c]));
        int[] spatial = [.. Enumerable.Range(2, shape.Length - 2)];
        var expected = PerGroup(x, spatial, (v, members) =>
        {
            var s = Standardize(v, 1e-5);
            var ch = members[0][1];
            return affine ? [.. s.Select(e => (e * gamma.GetDouble(ch)) + beta.GetDouble(ch))] : s;
        });
        var h = new KernelHarness();
        var args = new OpArgs { { "x", h.In(x) } };
        if (affine)
        {
            args.Add("gamma", gamma);
            args.Add("beta", beta);
        }
        Reference.AssertClose(shape, expected, h.Run(h.Builder.Single("instance_norm", args)), 1e-5);
    }
}
