namespace MilForge.Runtime.Kernels.Conv;

/// <summary>
/// The reference convolution: a direct loop per output element, summing over input channels, then kernel positions
/// in index order, bias last. When rounding partial sums (fp16-accumulate) every product and partial
/// sum is rounded to binary16 in that order; otherwise sums are exact in double before one final rounding.
/// </summary>
internal static class ConvReference
{
    public static double[] Run(ConvProblem p, bool roundPartialSums)
    {
        var w = p.Window;
        var result = new double[p.Batch * p.Cout * w.OutputSize];
        var (kd, kh, kw) = KernelOffsets(w);
        WorkSplitter.For(p.Batch * p.Cout, (long)p.Batch * p.Cout * w.OutputSize * p.CinPerGroup * w.KernelSize, job =>
        {
            var (n, co) = (job / p.Cout, job % p.Cout);
            var g = co / p.CoutPerGroup;
            var outBase = job * w.OutputSize;
            var wBase = co * p.CinPerGroup * w.KernelSize;
            for (var od = 0; od < w.Output[0]; od++)
            {
                for (var oh = 0; oh < w.Output[1]; oh++)
                {
                    for (var ow = 0; ow < w.Output[2]; ow++)
                    {
                        var d0 = (od * w.Strides[0]) - w.PadBegin[0];
                        var h0 = (oh * w.Strides[1]) - w.PadBegin[1];
                        var w0 = (ow * w.Strides[2]) - w.PadBegin[2];
                        var sum = 0.0;
                        for (var ci = 0; ci < p.CinPerGroup; ci++)
                        {
                            var xBase = ((n * p.Cin) + (g * p.CinPerGroup) + ci) * w.InputSize;
                            var wc = wBase + (ci * w.KernelSize);
                            for (var k = 0; k < kd.Length; k++)
                            {
                                var (d, h, ww) = (d0 + kd[k], h0 + kh[k], w0 + kw[k]);
                                if ((uint)d >= (uint)w.Input[0] || (uint)h >= (uint)w.Input[1] || (uint)ww >= (uint)w.Input[2])
                                {
                                    continue;
                                }
                                var product = (double)p.X[xBase + (((d * w.Input[1]) + h) * w.Input[2]) + ww] * p.W[wc + k];
                                sum = roundPartialSums ? (double)(Half)(sum + (double)(Half)product) : sum + product;
                            }
                        }
                        var b = p.Bias?[co] ?? 0;
                        result[outBase + (((od * w.Output[1]) + oh) * w.Output[2]) + ow] = roundPartialSums ? (double)(Half)(sum + b) : sum + b;
                    }
                }
            }
        });
        return result;
    }

    /// <summary>Dilated kernel offsets per dim, in weight order.</summary>
    public static (int[] D, int[] H, int[] W) KernelOffsets(Window window)
    {
        var count = window.KernelSize;
        var (kd, kh, kw) = (new int[count], new int[count], new int[count]);
        var i = 0;
        for (var a = 0; a < window.Kernel[0]; a++)
        {
            for (var b = 0; b < window.Kernel[1]; b++)
            {
                for (var c = 0; c < window.Kernel[2]; c++)
                {
                    (kd[i], kh[i], kw[i]) = (a * window.Dilations[0], b * window.Dilations[1], c * window.Dilations[2]);
                    i++;
                }
            }
        }
        return (kd, kh, kw);
    }
}
