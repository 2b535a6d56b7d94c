using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests.Kernels;

public class PoolKernelTests
{
    /// <summary>(begin, end, output size) of one dim, following PyTorch/ONNX for ceil_mode.</summary>
    private static (int Begin, int End, int Out) Geometry(string padType, int size, int k, int s, int padBegin, int padEnd, bool ceil)
    {
        if (padType is "same" or "same_lower")
        {
            var o = (size + s - 1) / s;
            var total = Math.Max(0, ((o - 1) * s) + k - size);
            var small = total / 2;
            return padType == "same" ? (small, total - small, o) : (total - small, small, o);
        }
        var (b, e) = padType == "valid" ? (0, 0) : (padBegin, padEnd);
        var span = size + b + e - k;
        var n = (ceil ? (int)Math.Ceiling(span / (double)s) : span / s) + 1;
        if (ceil && (n - 1) * s >= size + b)
        {
            n--;
        }
        return (b, e, n);
    }

    private static double[] Naive(string kind, Tensor x, int[] kernel, int[] strides, (int Begin, int End, int Out)[] g, bool exclude, int[] outShape)
    {
        var xs = x.ShapeArray();
        var xv = x.AsDoubles();
        var result = new double[Reference.Count(outShape)];
        foreach (var o in Reference.Indices(outShape))
        {
            var values = new List<double>();
            var padded = 0;
            foreach (var k in Reference.Indices(kernel))
            {
                var pos = new int[xs.Length];
                (pos[0], pos[1]) = (o[0], o[1]);
                var inInput = true;
                var inPadded = true;
                for (var d = 0; d < k.Length; d++)
                {
                    var p = (o[d + 2] * strides[d]) - g[d].Begin + k[d];
                    pos[d + 2] = p;
                    inInput &= p >= 0 && p < xs[d + 2];
                    inPadded &= p >= -g[d].Begin && p < xs[d + 2] + g[d].End;
                }
                padded += inPadded ? 1 : 0;
                if (inInput)
                {
                    values.Add(xv[Reference.Flat(xs, pos)]);
                }
            }
            result[Reference.Flat(outShape, o)] = kind switch
            {
                "max_pool" => values.Max(),
                "l2_pool" => Math.Sqrt(values.Sum(v => v * v)),
                _ => values.Sum() / (exclude ? values.Count : padded),
            };
        }
        return result;
    }

    public static TheoryData<string, int[], int[], int[], string, int[]?, bool, bool> Cases()
    {
        var data = new TheoryData<string, int[], int[], int[], string, int[]?, bool, bool>();
        foreach (var kind in new[] { "max_pool", "avg_pool", "l2_pool" })
        {
            data.Add(kind, [1, 2, 6, 7], [2, 2], [2, 2], "valid", null, false, false);
            data.Add(kind, [1, 2, 7, 5], [3, 2], [2, 2], "valid", null, true, false);
            data.Add(kind, [2, 1, 5, 5], [3, 3], [2, 2], "custom", [1, 1, 1, 1], false, false);
            data.Add(kind, [2, 1, 5, 5], [3, 3], [2, 2], "custom", [1, 1, 1, 1], false, true);
            data.Add(kind, [1, 1, 5, 6], [2, 2], [2, 2], "custom", [1, 1, 0, 1], true, false);
            data.Add(kind, [1, 1, 5, 6], [2, 2], [2, 2], "custom", [1, 1, 0, 1], true, true);
            data.Add(kind, [1, 3, 7, 4], [3, 2], [3, 1], "same", null, false, false);
            data.Add(kind, [1, 3, 7, 4], [3, 2], [3, 1], "same_lower", null, true, true);
            data.Add(kind, [1, 2, 9], [4], [3], "custom", [2, 1], true, false);
            data.Add(kind, [1, 1, 3, 4, 5], [2, 2, 3], [1, 2, 2], "valid", null, true, false);
            data.Add(kind, [0, 2, 4, 4], [2, 2], [1, 1], "valid", null, false, false);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesNaivePooling(string kind, int[] xShape, int[] kernel, int[] strides, string padType, int[]? pad, bool ceil, bool exclude)
    {
        var x = TestTensors.Uniform(7, xShape, -2, 2);
        var g = Enumerable.Range(0, kernel.Length)
            .Select(d => Geometry(padType, xShape[d + 2], kernel[d], strides[d], pad?[2 * d] ?? 0, pad?[(2 * d) + 1] ?? 0, ceil)).ToArray();
        int[] outShape = [xShape[0], xShape[1], .. g.Select(v => v.Out)];
        var expected = Naive(kind, x, kernel, strides, g, exclude, outShape);
        var h = new KernelHarness();
        var args = new OpArgs { { "x", h.In(x) }, { "kernel_sizes", kernel }, { "strides", strides }, { "pad_type", padType }, { "ceil_mode", ceil } };
        if (pad is not null)
        {
            args.Add("pad", pad);
        }
        if (kind == "avg_pool")
        {
            args.Add("exclude_padding_from_average", exclude);
        }
        Reference.AssertClose(outShape, expected, h.Run(h.Builder.Single(kind, args)));
    }

    [Fact]
    public void MaxPoolPaddingNeverWinsAndNaNPropagates()
    {
        var x = TestTensors.Floats([1, 1, 2, 2], -5, -6, float.NaN, -7);
        var h = new KernelHarness();
        var y = h.Run(h.Builder.Single("max_pool", new() { { "x", h.In(x) }, { "kernel_sizes", new[] { 2, 2 } }, { "strides", new[] { 1, 1 } }, { "pad_type", "custom" }, { "pad", new[] { 1, 1, 1, 1 } } }));
        var v = y.AsFloats();
        Assert.Equal([-5f, -5f, -6f], v[..3]);
        Assert.True(float.IsNaN(v[3]));
        Assert.Equal(-7f, v[8]);
    }
}
