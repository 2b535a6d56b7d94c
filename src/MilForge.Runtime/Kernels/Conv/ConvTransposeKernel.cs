using MilForge.Mil.Ops.Conv;
using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Conv;

/// <summary>
/// <c>conv_transpose</c> as a scatter-accumulate in float: each input element adds its products with the kernel into
/// the output positions it reaches (input position · stride + kernel offset · dilation − begin pad), per output plane
/// (batch, output channel) so planes run in parallel without sharing writes. Dims are normalized to three.
/// </summary>
internal sealed class ConvTransposeKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["conv_transpose"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var xt = context.Input("x");
        var wt = context.Input("weight");
        var (xs, ws) = (xt.ShapeArray(), wt.ShapeArray());
        var s = xs.Length - 2;
        var ones = Enumerable.Repeat(1, s).ToArray();
        var strides = context.Ints("strides", ones)!;
        var dilations = context.Ints("dilations", ones)!;
        var pad = context.Ints("pad", new int[2 * s])!;
        var padType = context.String("pad_type", "valid");
        var outputShape = context.Ints("output_shape");
        var outSpatial = new int[s];
        var begin = new int[s];
        for (var i = 0; i < s; i++)
        {
            outSpatial[i] = outputShape?[i + 2]
                ?? ConvTransposeGeometry.OutputSize(padType, xs[i + 2], ws[i + 2], strides[i], dilations[i], pad[2 * i], pad[(2 * i) + 1]);
            begin[i] = ConvTransposeGeometry.Begin(padType, xs[i + 2], ws[i + 2], strides[i], dilations[i], pad[2 * i], outSpatial[i]);
        }
        var groups = context.Int("groups", 1);
        var problem = new Problem(xt.AsFloats(), ConstantFloats.Of(context, "weight"), ConstantFloats.OfOptional(context, "bias"),
            xs[0], xs[1], ws[1], groups, Expand(xs[2..], 1), Expand(ws[2..], 1), Expand(strides, 1), Expand(dilations, 1), Expand(begin, 0),
            Expand(outSpatial, 1));
        return [context.Output(Run(problem), [xs[0], ws[1] * groups, .. outSpatial])];
    }

    private sealed record Problem(float[] X, float[] W, float[]? Bias, int Batch, int Cin, int CoutPerGroup, int Groups,
        int[] In, int[] K, int[] S, int[] D, int[] Begin, int[] Out);

    private static float[] Run(Problem p)
    {
        var cout = p.CoutPerGroup * p.Groups;
        var cinPerGroup = p.Cin / p.Groups;
        var inSize = p.In[0] * p.In[1] * p.In[2];
        var kSize = p.K[0] * p.K[1] * p.K[2];
        var outSize = p.Out[0] * p.Out[1] * p.Out[2];
        var result = new float[p.Batch * cout * outSize];
        WorkSplitter.For(p.Batch * cout, (long)p.Batch * cout * cinPerGroup * inSize * kSize, job =>
        {
            var (n, co) = (job / cout, job % cout);
            var (g, local) = (co / p.CoutPerGroup, co % p.CoutPerGroup);
            var plane = result.AsSpan(job * outSize, outSize);
            plane.Fill(p.Bias?[co] ?? 0f);
            for (var ci = 0; ci < cinPerGroup; ci++)
            {
                var c = (g * cinPerGroup) + ci;
                var x = p.X.AsSpan((n * p.Cin + c) * inSize, inSize);
                var wBase = ((c * p.CoutPerGroup) + local) * kSize;
                for (var k = 0; k < kSize; k++)
                {
                    var (kd, kh, kw) = (k / (p.K[1] * p.K[2]), k / p.K[2] % p.K[1], k % p.K[2]);
                    ScatterKernelTap(p, x, plane, p.W[wBase + k], (kd * p.D[0]) - p.Begin[0], (kh * p.D[1]) - p.Begin[1], (kw * p.D[2]) - p.Begin[2]);
                }
            }
        });
        return result;
    }

    /// <summary>Adds weight · x[i] into plane[i · stride + offset] for every input position that lands inside the output.</summary>
    private static void ScatterKernelTap(Problem p, ReadOnlySpan<float> x, Span<float> plane, float weight, int offD, int offH, int offW)
    {
        var (wLo, wHi) = Range(p.In[2], p.S[2], offW, p.Out[2]);
        if (wLo > wHi)
        {
            return;
        }
        for (var id = 0; id < p.In[0]; id++)
        {
            var od = (id * p.S[0]) + offD;
            if ((uint)od >= (uint)p.Out[0])
            {
                continue;
            }
            for (var ih = 0; ih < p.In[1]; ih++)
            {
                var oh = (ih * p.S[1]) + offH;
                if ((uint)oh >= (uint)p.Out[1])
                {
                    continue;
                }
                var row = x.Slice(((id * p.In[1]) + ih) * p.In[2]);
                var outRow = plane.Slice(((od * p.Out[1]) + oh) * p.Out[2]);
                for (var iw = wLo; iw <= wHi; iw++)
                {
                    outRow[(iw * p.S[2]) + offW] += weight * row[iw];
                }
            }
        }
    }

    /// <summary>The input positions i in [0, size) with 0 ≤ i·stride + offset &lt; outSize.</summary>
    private static (int Lo, int Hi) Range(int size, int stride, int offset, int outSize)
    {
        var lo = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
        var last = outSize - 1 - offset;
        var hi = last < 0 ? -1 : Math.Min(size - 1, last / stride);
        return (lo, hi);
    }

    private static int[] Expand(int[] values, int fill)
    {
        var result = new[] { fill, fill, fill };
        Array.Copy(values, 0, result, 3 - values.Length, values.Length);
        return result;
    }
}
