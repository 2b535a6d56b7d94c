using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Conv;

/// <summary>
/// <c>conv</c>: direct convolution with groups, strides, dilations and every pad type. The sum for each output
/// element runs over input channels, then kernel positions in index order; products and the bias follow the
/// accumulation policy (bias added last).
/// </summary>
internal sealed class ConvKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["conv"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var xt = context.Input("x");
        var wt = context.Input("weight");
        var spatial = xt.Rank - 2;
        var ones = Enumerable.Repeat(1, spatial).ToArray();
        var window = new Window(xt.ShapeArray()[2..], wt.ShapeArray()[2..], context.Ints("strides", ones)!,
            context.Ints("dilations", ones)!, context.String("pad_type", "valid"), context.Ints("pad"), ceilMode: false);
        var groups = context.Int("groups", 1);
        var (batch, cin, cout) = (xt.Shape[0], xt.Shape[1], wt.Shape[0]);
        var cinPerGroup = wt.Shape[1];
        var coutPerGroup = cout / groups;
        var x = xt.AsFloats();
        var w = wt.AsFloats();
        var bias = context.OptionalInput("bias")?.AsFloats();
        var result = new double[batch * cout * window.OutputSize];
        var offsets = KernelOffsets(window, out var kd, out var kh, out var kw);
        var round = context.RoundPartialSums;
        Parallel.For(0, batch * cout, job =>
        {
            var (n, co) = (job / cout, job % cout);
            var g = co / coutPerGroup;
            var outBase = job * window.OutputSize;
            var wBase = co * cinPerGroup * window.KernelSize;
            for (var od = 0; od < window.Output[0]; od++)
            {
                for (var oh = 0; oh < window.Output[1]; oh++)
                {
                    for (var ow = 0; ow < window.Output[2]; ow++)
                    {
                        var d0 = (od * window.Strides[0]) - window.PadBegin[0];
                        var h0 = (oh * window.Strides[1]) - window.PadBegin[1];
                        var w0 = (ow * window.Strides[2]) - window.PadBegin[2];
                        var sum = 0.0;
                        for (var ci = 0; ci < cinPerGroup; ci++)
                        {
                            var xBase = ((n * cin) + (g * cinPerGroup) + ci) * window.InputSize;
                            var wc = wBase + (ci * window.KernelSize);
                            for (var k = 0; k < offsets.Length; k++)
                            {
                                var (d, h, ww) = (d0 + kd[k], h0 + kh[k], w0 + kw[k]);
                                if ((uint)d >= (uint)window.Input[0] || (uint)h >= (uint)window.Input[1] || (uint)ww >= (uint)window.Input[2])
                                {
                                    continue;
                                }
                                var product = (double)x[xBase + (((d * window.Input[1]) + h) * window.Input[2]) + ww] * w[wc + k];
                                sum = round ? (double)(Half)(sum + (double)(Half)product) : sum + product;
                            }
                        }
                        var b = bias?[co] ?? 0;
                        result[outBase + (((od * window.Output[1]) + oh) * window.Output[2]) + ow] = round ? (double)(Half)(sum + b) : sum + b;
                    }
                }
            }
        });
        return [context.Output(result, [batch, cout, .. window.OutputSpatial])];
    }

    /// <summary>Kernel positions (dilated offsets per dim) in weight order.</summary>
    private static int[] KernelOffsets(Window window, out int[] kd, out int[] kh, out int[] kw)
    {
        var count = window.KernelSize;
        kd = new int[count];
        kh = new int[count];
        kw = new int[count];
        var i = 0;
        for (var a = 0; a < window.Kernel[0]; a++)
        {
            for (var b = 0; b < window.Kernel[1]; b++)
            {
                for (var c = 0; c < window.Kernel[2]; c++)
                {
                    kd[i] = a * window.Dilations[0];
                    kh[i] = b * window.Dilations[1];
                    kw[i] = c * window.Dilations[2];
                    i++;
                }
            }
        }
        return kd;
    }
}
