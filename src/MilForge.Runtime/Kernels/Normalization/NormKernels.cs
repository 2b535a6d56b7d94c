using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Normalization;

/// <summary>
/// <c>batch_norm</c>, <c>layer_norm</c> and <c>instance_norm</c>. Means and variances are computed in double
/// (two passes) unless the policy rounds partial sums; the result is rounded once to the output type.
/// </summary>
internal sealed class NormKernels : IKernel
{
    public IEnumerable<string> OpTypes => ["batch_norm", "layer_norm", "instance_norm"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var xt = context.Input("x");
        var x = xt.AsFloats();
        var shape = xt.ShapeArray();
        var epsilon = (double)context.Float("epsilon", 1e-5f);
        var gamma = context.OptionalInput("gamma")?.AsFloats();
        var beta = context.OptionalInput("beta")?.AsFloats();
        var result = new double[x.Length];
        switch (context.Op.Type)
        {
            case "batch_norm":
                {
                    var mean = context.Input("mean").AsFloats();
                    var variance = context.Input("variance").AsFloats();
                    var channels = shape[1];
                    var inner = Broadcasting.Product(shape.AsSpan(2));
                    for (var i = 0; i < x.Length; i++)
                    {
                        var c = i / inner % channels;
                        var normalized = (x[i] - (double)mean[c]) / Math.Sqrt(variance[c] + epsilon);
                        result[i] = (normalized * (gamma?[c] ?? 1)) + (beta?[c] ?? 0);
                    }
                    break;
                }
            case "instance_norm":
                {
                    var inner = Broadcasting.Product(shape.AsSpan(2));
                    for (var plane = 0; plane < shape[0] * shape[1]; plane++)
                    {
                        var c = plane % shape[1];
                        Normalize(context, x, result, plane * inner, inner, 1, epsilon, gamma?[c] ?? 1, beta?[c] ?? 0);
                    }
                    break;
                }
            default:
                {
                    var axes = context.Ints("axes")!.Select(a => Shape.NormalizeAxis(a, shape.Length)).Order().ToArray();
                    LayerNorm(context, x, result, shape, axes, epsilon, gamma, beta);
                    break;
                }
        }
        return [context.Output(result, shape)];
    }

    private static void LayerNorm(KernelContext context, float[] x, double[] result, int[] shape, int[] axes, double epsilon, float[]? gamma, float[]? beta)
    {
        // Permute so the normalized axes are innermost and contiguous, normalize, then scatter back.
        var kept = Enumerable.Range(0, shape.Length).Where(a => !axes.Contains(a)).ToArray();
        var order = kept.Concat(axes).ToArray();
        var strides = Broadcasting.Strides(shape);
        var inner = axes.Aggregate(1, (p, a) => p * shape[a]);
        var outer = x.Length / Math.Max(1, inner);
        var map = new int[x.Length];
        var index = new int[shape.Length];
        for (var i = 0; i < map.Length; i++)
        {
            var flat = 0;
            for (var d = 0; d < order.Length; d++)
            {
                flat += index[d] * strides[order[d]];
            }
            map[i] = flat;
            for (var d = order.Length - 1; d >= 0; d--)
            {
                if (++index[d] < shape[order[d]])
                {
                    break;
                }
                index[d] = 0;
            }
        }
        var row = new float[inner];
        var normalized = new double[inner];
        for (var o = 0; o < outer; o++)
        {
            for (var j = 0; j < inner; j++)
            {
                row[j] = x[map[(o * inner) + j]];
            }
            Normalize(context, row, normalized, 0, inner, 1, epsilon, 1, 0);
            for (var j = 0; j < inner; j++)
            {
                result[map[(o * inner) + j]] = (normalized[j] * (gamma?[j] ?? 1)) + (beta?[j] ?? 0);
            }
        }
    }

    private static void Normalize(KernelContext context, float[] x, double[] result, int start, int count, int stride,
        double epsilon, double scale, double shift)
    {
        var sum = 0.0;
        for (var j = 0; j < count; j++)
        {
            sum = context.Accumulate(sum, x[start + (j * stride)]);
        }
        var mean = sum / count;
        var sq = 0.0;
        for (var j = 0; j < count; j++)
        {
            var d = x[start + (j * stride)] - mean;
            sq = context.Accumulate(sq, d * d);
        }
        var inv = 1 / Math.Sqrt((sq / count) + epsilon);
        for (var j = 0; j < count; j++)
        {
            result[start + (j * stride)] = ((x[start + (j * stride)] - mean) * inv * scale) + shift;
        }
    }
}
