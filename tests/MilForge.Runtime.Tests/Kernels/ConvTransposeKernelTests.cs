using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests.Kernels;

public class ConvTransposeKernelTests
{
    /// <summary>
    /// binary64 reference by definition: every (input position, kernel offset) pair adds x·w at full-output position
    /// i·stride + k·dilation, which output position (full − begin) receives when it is inside the output.
    /// </summary>
    private static double[] Naive(Tensor x, Tensor w, float[]? bias, int[] strides, int[] dilations, int[] begin, int groups, int[] outShape)
    {
        var (xs, ws) = (x.ShapeArray(), w.ShapeArray());
        var (xv, wv) = (x.AsDoubles(), w.AsDoubles());
        var cinPerGroup = xs[1] / groups;
        var result = new double[Reference.Count(outShape)];
        foreach (var o in Reference.Indices(outShape))
        {
            result[Reference.Flat(outShape, o)] = bias?[o[1]] ?? 0;
        }
        foreach (var i in Reference.Indices(xs))
        {
            var g = i[1] / cinPerGroup;
            for (var col = 0; col < ws[1]; col++)
            {
                foreach (var k in Reference.Indices(ws[2..]))
                {
                    int[] o = [i[0], (g * ws[1]) + col, .. k.Select((kk, d) => (i[d + 2] * strides[d]) + (kk * dilations[d]) - begin[d])];
                    if (o.Skip(2).Select((v, d) => v >= 0 && v < outShape[d + 2]).All(b => b))
                    {
                        result[Reference.Flat(outShape, o)] += xv[Reference.Flat(xs, i)] * wv[Reference.Flat(ws, [i[1], col, .. k])];
                    }
                }
            }
        }
        return result;
    }

    public static TheoryData<int[], int[], int, int[], int[], string, int[]?, int[]?, bool> Cases() => new()
    {
        { [1, 3, 4, 5], [3, 2, 3, 3], 1, [1, 1], [1, 1], "valid", null, null, true },
        { [2, 4, 3, 4], [4, 3, 3, 2], 2, [2, 3], [1, 1], "valid", null, null, false },
        { [1, 4, 8, 8], [4, 3, 3, 3], 2, [2, 2], [1, 1], "custom", [0, 0, 0, 0], [1, 6, 17, 17], true },
        { [1, 2, 5, 4], [2, 3, 3, 3], 1, [2, 2], [2, 1], "custom", [1, 2, 0, 1], null, true },
        { [1, 2, 5, 4], [2, 3, 3, 3], 1, [2, 2], [1, 1], "custom", [1, 1, 1, 1], [1, 3, 10, 8], false },
        { [1, 2, 5, 4], [2, 1, 4, 3], 2, [3, 2], [1, 1], "same", null, null, true },
        { [1, 6, 16], [6, 4, 4], 1, [2], [1], "custom", [1, 1], null, true },
        { [2, 3, 7], [3, 2, 2], 3, [1], [3], "valid", null, null, false },
        { [1, 2, 3, 2, 3], [2, 2, 2, 3, 2], 1, [2, 1, 2], [1, 2, 1], "custom", [1, 0, 0, 1, 1, 1], null, true },
        { [0, 2, 3, 3], [2, 2, 2, 2], 1, [1, 1], [1, 1], "valid", null, null, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesTheDefinition(int[] xShape, int[] wShape, int groups, int[] strides, int[] dilations, string padType, int[]? pad, int[]? outputShape, bool withBias)
    {
        var x = TestTensors.Uniform(1, xShape);
        var w = TestTensors.Uniform(2, wShape);
        var cout = wShape[1] * groups;
        float[]? bias = withBias ? TestTensors.Uniform(3, [cout]).AsFloats() : null;
        var s = xShape.Length - 2;
        var full = Enumerable.Range(0, s).Select(d => ((xShape[d + 2] - 1) * strides[d]) + ((wShape[d + 2] - 1) * dilations[d]) + 1).ToArray();
        var outSpatial = outputShape?[2..] ?? Enumerable.Range(0, s).Select(d => padType switch
        {
            "same" => xShape[d + 2] * strides[d],
            "custom" => full[d] - pad![2 * d] - pad[(2 * d) + 1],
            _ => full[d],
        }).ToArray();
        var begin = Enumerable.Range(0, s).Select(d => padType switch
        {
            "same" => Math.Max(0, full[d] - outSpatial[d]) / 2,
            "custom" => pad![2 * d],
            _ => 0,
        }).ToArray();
        int[] outShape = [xShape[0], cout, .. outSpatial];
        var expected = Naive(x, w, bias, strides, dilations, begin, groups, outShape);

        var h = new KernelHarness();
        var args = new OpArgs { { "x", h.In(x) }, { "weight", w }, { "strides", strides }, { "dilations", dilations }, { "pad_type", padType }, { "groups", groups } };
        if (pad is not null)
        {
            args.Add("pad", pad);
        }
        if (outputShape is not null)
        {
            args.Add("output_shape", outputShape);
        }
        if (bias is not null)
        {
            args.Add("bias", bias);
        }
        Reference.AssertClose(outShape, expected, h.Run(h.Builder.Single("conv_transpose", args)));
    }

    [Fact]
    public void Fp16ResultIsTheRoundedFloatResult()
    {
        var x = TestTensors.Uniform(4, [1, 2, 3, 3]).CastTo(DataType.Float16);
        var w = TestTensors.Uniform(5, [2, 2, 2, 2]).CastTo(DataType.Float16);
        var h = new KernelHarness();
        var y = h.Run(h.Builder.Single("conv_transpose", new() { { "x", h.In(x) }, { "weight", w }, { "strides", new[] { 2, 2 } } }));
        Assert.Equal(DataType.Float16, y.DataType);
        var expected = Naive(x, w, null, [2, 2], [1, 1], [0, 0], 1, [1, 2, 6, 6]);
        // Each output is at most 2 products (stride 2, kernel 2: one tap per input channel), so float sums are exact before the rounding.
        Assert.Equal(expected.Select(v => (double)(Half)v), y.AsDoubles());
    }
}
