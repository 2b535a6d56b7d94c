using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Normalization;

/// <summary>
/// <c>l2_norm</c> (x / sqrt(Σx² + ε) over the last three dims) and <c>local_response_norm</c>
/// (x / (k + α/size · Σx²)^β over a window of channels: from c − ⌊(size−1)/2⌋ to c + ⌈(size−1)/2⌉, clipped to the
/// channels, as Caffe and ONNX place it). Sums are in double unless the policy rounds partial sums.
/// </summary>
internal sealed class LocalNormKernels : IKernel
{
    public IEnumerable<string> OpTypes => ["l2_norm", "local_response_norm"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var xt = context.Input("x");
        var x = xt.AsFloats();
        var shape = xt.ShapeArray();
        var result = context.Op.Type == "l2_norm" ? L2Norm(context, x, shape) : LocalResponseNorm(context, x, shape);
        return [context.Output(result, shape)];
    }

    private static double[] L2Norm(KernelContext context, float[] x, int[] shape)
    {
        if (shape.Length < 3)
        {
            throw context.Error($"x must have rank 3 or more, got {shape.Length}");
        }
        var epsilon = (double)context.Float("epsilon", 1e-6f);
        var inner = Broadcasting.Product(shape.AsSpan(shape.Length - 3));
        var result = new double[x.Length];
        for (var start = 0; start < x.Length; start += inner)
        {
            var sum = 0.0;
            for (var i = start; i < start + inner; i++)
            {
                sum = context.Accumulate(sum, (double)x[i] * x[i]);
            }
            var scale = 1 / Math.Sqrt(sum + epsilon);
            for (var i = start; i < start + inner; i++)
            {
                result[i] = x[i] * scale;
            }
        }
        return result;
    }

    private static double[] LocalResponseNorm(KernelContext context, float[] x, int[] shape)
    {
        var size = context.Int("size", 0);
        if (shape.Length is < 3 or > 4 || size < 1)
        {
            throw context.Error($"x must have rank 3 or 4 and size must be positive (rank {shape.Length}, size {size})");
        }
        var (alpha, beta, k) = ((double)context.Float("alpha", 1e-4f), (double)context.Float("beta", 0.75f), (double)context.Float("k", 1f));
        var (channels, inner) = (shape[1], Broadcasting.Product(shape.AsSpan(2)));
        var (before, after) = ((size - 1) / 2, size / 2);
        var result = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var (c, plane) = (i / inner % channels, i - (i / inner % channels * inner));
            var sum = 0.0;
            for (var j = Math.Max(0, c - before); j <= Math.Min(channels - 1, c + after); j++)
            {
                var v = (double)x[plane + (j * inner)];
                sum = context.Accumulate(sum, v * v);
            }
            result[i] = x[i] / Math.Pow(k + (alpha / size * sum), beta);
        }
        return result;
    }
}
