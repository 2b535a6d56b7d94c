using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests.Kernels;

public class ConvKernelTests
{
    /// <summary>Direct N-d convolution over explicit begin padding.</summary>
    internal static double[] Naive(Tensor x, Tensor w, float[]? bias, int[] strides, int[] dilations, int[] padBegin, int groups, int[] outShape)
    {
        var xs = x.ShapeArray();
        var ws = w.ShapeArray();
        var (xv, wv) = (x.AsDoubles(), w.AsDoubles());
        var coutPerGroup = ws[0] / groups;
        var result = new double[Reference.Count(outShape)];
        foreach (var o in Reference.Indices(outShape))
        {
            var (n, co) = (o[0], o[1]);
            var g = co / coutPerGroup;
            var sum = 0.0;
            for (var c = 0; c < ws[1]; c++)
            {
                foreach (var k in Reference.Indices(ws[2..]))
                {
                    var pos = new int[xs.Length];
                    (pos[0], pos[1]) = (n, (g * ws[1]) + c);
                    var inside = true;
                    for (var d = 0; d < k.Length; d++)
                    {
                        pos[d + 2] = (o[d + 2] * strides[d]) - padBegin[d] + (k[d] * dilations[d]);
                        inside &= pos[d + 2] >= 0 && pos[d + 2] < xs[d + 2];
                    }
                    if (inside)
                    {
                        sum += xv[Reference.Flat(xs, pos)] * wv[Reference.Flat(ws, [co, c, .. k])];
                    }
                }
            }
            result[Reference.Flat(outShape, o)] = sum + (bias?[co] ?? 0);
        }
        return result;
    }

    /// <summary>(begin, output size) of one spatial dim, per the MIL pad types.</summary>
    internal static (int Begin, int Out) Geometry(string padType, int size, int k, int s, int d, int padBegin, int padEnd)
    {
        var effective = ((k - 1) * d) + 1;
        if (padType is "same" or "same_lower")
        {
            var o = (size + s - 1) / s;
            var total = Math.Max(0, ((o - 1) * s) + effective - size);
            return (padType == "same" ? total / 2 : total - (total / 2), o);
        }
        return padType == "valid" ? (0, ((size - effective) / s) + 1) : (padBegin, ((size + padBegin + padEnd - effective) / s) + 1);
    }

    public static TheoryData<int[], int[], int, int[], int[], string, int[]?, bool> Cases() => new()
    {
        { [1, 3, 7, 6], [4, 3, 3, 3], 1, [1, 1], [1, 1], "valid", null, true },
        { [2, 3, 7, 6], [4, 3, 3, 2], 1, [2, 3], [1, 1], "valid", null, false },
        { [1, 4, 9, 9], [6, 2, 3, 3], 2, [1, 1], [1, 1], "valid", null, true },
        { [1, 4, 9, 9], [4, 1, 3, 3], 4, [2, 2], [1, 1], "same", null, true },
        { [1, 2, 9, 8], [3, 2, 3, 3], 1, [1, 1], [2, 3], "valid", null, true },
        { [1, 2, 9, 8], [3, 2, 3, 2], 1, [2, 1], [2, 2], "same", null, false },
        { [1, 2, 9, 8], [3, 2, 3, 2], 1, [2, 3], [1, 1], "same_lower", null, true },
        { [1, 2, 5, 5], [3, 2, 3, 3], 1, [2, 2], [1, 1], "custom", [1, 2, 0, 1], true },
        { [1, 2, 5, 5], [2, 2, 5, 5], 1, [1, 1], [1, 1], "custom", [2, 2, 2, 2], false },
        { [2, 3, 11], [5, 3, 4], 1, [3], [2], "custom", [1, 2], true },
        { [1, 2, 4, 5, 3], [2, 1, 2, 3, 2], 2, [1, 2, 1], [1, 1, 2], "same", null, true },
        { [0, 3, 5, 5], [2, 3, 3, 3], 1, [1, 1], [1, 1], "valid", null, true },
        { [1, 3, 5, 5], [0, 3, 3, 3], 1, [1, 1], [1, 1], "valid", null, false },
        { [1, 0, 5, 5], [2, 0, 3, 3], 1, [1, 1], [1, 1], "same", null, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesNaiveConvolution(int[] xShape, int[] wShape, int groups, int[] strides, int[] dilations, string padType, int[]? pad, bool withBias)
    {
        var x = TestTensors.Uniform(1, xShape);
        var w = TestTensors.Uniform(2, wShape);
        float[]? bias = withBias ? TestTensors.Uniform(3, [wShape[0]]).AsFloats() : null;
        var s = xShape.Length - 2;
        var geometry = Enumerable.Range(0, s).Select(d => Geometry(padType, xShape[d + 2], wShape[d + 2], strides[d], dilations[d],
            pad?[2 * d] ?? 0, pad?[(2 * d) + 1] ?? 0)).ToArray();
        int[] outShape = [xShape[0], wShape[0], .. geometry.Select(g => g.Out)];
        var expected = Naive(x, w, bias, strides, dilations, [.. geometry.Select(g => g.Begin)], groups, outShape);

        var h = new KernelHarness();
        var args = new OpArgs { { "x", h.In(x) }, { "weight", w }, { "strides", strides }, { "dilations", dilations }, { "pad_type", padType }, { "groups", groups } };
        if (pad is not null)
        {
            args.Add("pad", pad);
        }
        if (bias is not null)
        {
            args.Add("bias", bias);
        }
        Reference.AssertClose(outShape, expected, h.Run(h.Builder.Single("conv", args)));
    }

    [Fact]
    public void Fp16ConvRoundsTheResultOnce()
    {
        var x = TestTensors.Uniform(4, [1, 2, 5, 5]).CastTo(DataType.Float16);
        var w = TestTensors.Uniform(5, [3, 2, 3, 3]).CastTo(DataType.Float16);
        var h = new KernelHarness();
        var y = h.Run(h.Builder.Single("conv", new() { { "x", h.In(x) }, { "weight", w } }));
        Assert.Equal(DataType.Float16, y.DataType);
        var expected = Naive(x, w, null, [1, 1], [1, 1], [0, 0], 1, [1, 3, 3, 3]);
        Assert.Equal(expected.Select(v => (double)(Half)v), y.AsDoubles());
    }
}
