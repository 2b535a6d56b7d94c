using MilForge.Numerics;
using MilForge.Runtime.Kernels.Conv;

namespace MilForge.Runtime.Kernels.Pool;

/// <summary>
/// <c>max_pool</c>, <c>avg_pool</c> and <c>l2_pool</c>. Padding never wins a max; an average divides by the window
/// positions inside the padded input, or only those inside the input when <c>exclude_padding_from_average</c>.
/// </summary>
internal sealed class PoolKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["max_pool", "avg_pool", "l2_pool"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var xt = context.Input("x");
        var spatial = xt.Rank - 2;
        var ones = Enumerable.Repeat(1, spatial).ToArray();
        var window = new Window(xt.ShapeArray()[2..], context.Ints("kernel_sizes")!, context.Ints("strides", ones)!, ones,
            context.String("pad_type", "valid"), context.Ints("pad"), context.Bool("ceil_mode", false));
        var exclude = context.Bool("exclude_padding_from_average", false);
        var kind = context.Op.Type;
        var x = xt.AsFloats();
        var planes = xt.Shape[0] * xt.Shape[1];
        var result = new double[planes * window.OutputSize];
        Parallel.For(0, planes, p =>
        {
            var xBase = p * window.InputSize;
            var o = p * window.OutputSize;
            for (var od = 0; od < window.Output[0]; od++)
            {
                for (var oh = 0; oh < window.Output[1]; oh++)
                {
                    for (var ow = 0; ow < window.Output[2]; ow++)
                    {
                        result[o++] = Pool(context, kind, exclude, window, x, xBase, [od, oh, ow]);
                    }
                }
            }
        });
        return [context.Output(result, [xt.Shape[0], xt.Shape[1], .. window.OutputSpatial])];
    }

    private static double Pool(KernelContext context, string kind, bool exclude, Window w, float[] x, int xBase, int[] o)
    {
        var acc = kind == "max_pool" ? double.NegativeInfinity : 0.0;
        var inside = 0;
        var padded = 0;
        for (var a = 0; a < w.Kernel[0]; a++)
        {
            for (var b = 0; b < w.Kernel[1]; b++)
            {
                for (var c = 0; c < w.Kernel[2]; c++)
                {
                    var pos = new[] { (o[0] * w.Strides[0]) - w.PadBegin[0] + a, (o[1] * w.Strides[1]) - w.PadBegin[1] + b, (o[2] * w.Strides[2]) - w.PadBegin[2] + c };
                    var inPadded = true;
                    var inInput = true;
                    for (var d = 0; d < 3; d++)
                    {
                        inPadded &= pos[d] >= -w.PadBegin[d] && pos[d] < w.Input[d] + w.PadEnd[d];
                        inInput &= pos[d] >= 0 && pos[d] < w.Input[d];
                    }
                    padded += inPadded ? 1 : 0;
                    if (!inInput)
                    {
                        continue;
                    }
                    inside++;
                    double v = x[xBase + (((pos[0] * w.Input[1]) + pos[1]) * w.Input[2]) + pos[2]];
                    acc = kind switch
                    {
                        "max_pool" => double.IsNaN(v) || v > acc ? v : acc,
                        "l2_pool" => context.Accumulate(acc, v * v),
                        _ => context.Accumulate(acc, v),
                    };
                }
            }
        }
        return kind switch
        {
            "max_pool" => acc,
            "l2_pool" => Math.Sqrt(acc),
            _ => acc / Math.Max(1, exclude ? inside : padded),
        };
    }
}
