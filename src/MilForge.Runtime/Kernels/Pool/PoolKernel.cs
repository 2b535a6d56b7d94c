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
        var kind = context.Op.Type switch { "max_pool" => Kind.Max, "l2_pool" => Kind.L2, _ => Kind.Average };
        var x = xt.AsFloats();
        var planes = xt.Shape[0] * xt.Shape[1];
        var result = new double[planes * window.OutputSize];
        WorkSplitter.For(planes, (long)planes * window.OutputSize * window.KernelSize, p =>
        {
            var xBase = p * window.InputSize;
            var o = p * window.OutputSize;
            for (var od = 0; od < window.Output[0]; od++)
            {
                for (var oh = 0; oh < window.Output[1]; oh++)
                {
                    for (var ow = 0; ow < window.Output[2]; ow++)
                    {
                        result[o++] = Pool(context, kind, exclude, window, x, xBase, od, oh, ow);
                    }
                }
            }
        });
        return [context.Output(result, [xt.Shape[0], xt.Shape[1], .. window.OutputSpatial])];
    }

    private enum Kind
    {
        Max,
        Average,
        L2,
    }

    private static double Pool(KernelContext context, Kind kind, bool exclude, Window w, float[] x, int xBase, int od, int oh, int ow)
    {
        var acc = kind == Kind.Max ? double.NegativeInfinity : 0.0;
        var inside = 0;
        var padded = 0;
        for (var a = 0; a < w.Kernel[0]; a++)
        {
            var d = (od * w.Strides[0]) - w.PadBegin[0] + a;
            for (var b = 0; b < w.Kernel[1]; b++)
            {
                var h = (oh * w.Strides[1]) - w.PadBegin[1] + b;
                for (var c = 0; c < w.Kernel[2]; c++)
                {
                    var col = (ow * w.Strides[2]) - w.PadBegin[2] + c;
                    if (InPadded(d, 0, w) && InPadded(h, 1, w) && InPadded(col, 2, w))
                    {
                        padded++;
                    }
                    if ((uint)d >= (uint)w.Input[0] || (uint)h >= (uint)w.Input[1] || (uint)col >= (uint)w.Input[2])
                    {
                        continue;
                    }
                    inside++;
                    double v = x[xBase + (((d * w.Input[1]) + h) * w.Input[2]) + col];
                    acc = kind switch
                    {
                        Kind.Max => double.IsNaN(v) || v > acc ? v : acc,
                        Kind.L2 => context.Accumulate(acc, v * v),
                        _ => context.Accumulate(acc, v),
                    };
                }
            }
        }
        return kind switch
        {
            Kind.Max => acc,
            Kind.L2 => Math.Sqrt(acc),
            _ => acc / Math.Max(1, exclude ? inside : padded),
        };
    }

    /// <summary>True when a position along spatial dim <paramref name="dim"/> lies inside the padded input.</summary>
    private static bool InPadded(int position, int dim, Window w) => position >= -w.PadBegin[dim] && position < w.Input[dim] + w.PadEnd[dim];
}
