using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Reduction;

/// <summary>
/// The <c>reduce_*</c> family and <c>reduce_argmax</c>/<c>reduce_argmin</c>. Sums follow the accumulation policy
/// (double by default, in index order); the result is rounded once to the output type.
/// </summary>
internal sealed class ReduceKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod", "reduce_l1_norm",
        "reduce_l2_norm", "reduce_sum_square", "reduce_log_sum", "reduce_log_sum_exp", "reduce_argmax", "reduce_argmin"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var xt = context.Input("x");
        var shape = xt.ShapeArray();
        var type = context.Op.Type;
        var arg = type is "reduce_argmax" or "reduce_argmin";
        int[] axes = arg
            ? [Shape.NormalizeAxis(context.Int("axis", -1), shape.Length)]
            : context.Ints("axes") is { } given ? [.. given.Select(a => Shape.NormalizeAxis(a, shape.Length)).Distinct().Order()] : [.. Enumerable.Range(0, shape.Length)];
        var keep = context.Bool("keep_dims", false);
        var groups = ReductionLayout.Groups(shape, axes, out var outShape, keep);
        var x = xt.AsDoubles();
        var result = new double[groups.Length];
        for (var g = 0; g < groups.Length; g++)
        {
            result[g] = Reduce(context, type, x, groups[g]);
        }
        if (arg || !context.OutputType().IsFloat())
        {
            return [Tensor.FromDoubles(result, outShape, context.OutputType())];
        }
        return [context.Output(result, outShape)];
    }

    private static double Reduce(KernelContext context, string type, double[] x, int[] indices)
    {
        switch (type)
        {
            case "reduce_max":
            case "reduce_min":
                {
                    var best = type == "reduce_max" ? double.NegativeInfinity : double.PositiveInfinity;
                    foreach (var i in indices)
                    {
                        best = double.IsNaN(x[i]) || double.IsNaN(best) ? double.NaN : type == "reduce_max" ? Math.Max(best, x[i]) : Math.Min(best, x[i]);
                    }
                    return best;
                }
            case "reduce_argmax":
            case "reduce_argmin":
                {
                    var bestIndex = 0;
                    for (var j = 1; j < indices.Length; j++)
                    {
                        var (v, b) = (x[indices[j]], x[indices[bestIndex]]);
                        if (type == "reduce_argmax" ? v > b : v < b)
                        {
                            bestIndex = j;
                        }
                    }
                    return bestIndex;
                }
            case "reduce_prod":
                return indices.Aggregate(1.0, (p, i) => p * x[i]);
            case "reduce_log_sum_exp":
                {
                    var max = indices.Length == 0 ? 0 : indices.Max(i => x[i]);
                    if (double.IsInfinity(max))
                    {
                        max = 0;
                    }
                    var s = indices.Aggregate(0.0, (acc, i) => context.Accumulate(acc, Math.Exp(x[i] - max)));
                    return Math.Log(s) + max;
                }
            default:
                {
                    var sum = 0.0;
                    foreach (var i in indices)
                    {
                        var term = type switch
                        {
                            "reduce_l1_norm" => Math.Abs(x[i]),
                            "reduce_l2_norm" or "reduce_sum_square" => x[i] * x[i],
                            _ => x[i],
                        };
                        sum = context.Accumulate(sum, term);
                    }
                    return type switch
                    {
                        "reduce_mean" => indices.Length == 0 ? double.NaN : sum / indices.Length,
                        "reduce_l2_norm" => Math.Sqrt(sum),
                        "reduce_log_sum" => Math.Log(sum),
                        _ => sum,
                    };
                }
        }
    }
}
