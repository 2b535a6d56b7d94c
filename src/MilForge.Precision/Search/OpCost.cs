using MilForge.Mil;

namespace MilForge.Precision.Search;

/// <summary>A rough floating-point operation count per op, to say how much of a model's work runs in FP16.</summary>
public static class OpCost
{
    /// <summary>Estimated FLOPs of one op (static shapes; symbolic dims count as 1).</summary>
    public static double Flops(Operation op)
    {
        static double Count(Value v) => v.Type is TensorType t ? t.Shape.Dims.Aggregate(1.0, (p, d) => p * (d.IsKnown ? d.Size : 1)) : 0;
        var output = op.Outputs.Sum(Count);
        switch (op.Type)
        {
            case "conv":
                {
                    var w = op.Input("weight")!.Shape;
                    var perOutput = w.Dims.Skip(1).Aggregate(1.0, (p, d) => p * (d.IsKnown ? d.Size : 1));
                    return 2 * output * perOutput;
                }
            case "linear":
                return 2 * output * (op.Input("weight")!.Shape[1] is { IsKnown: true } din ? din.Size : 1);
            case "matmul":
                {
                    var x = op.Input("x")!.Shape;
                    var transposed = op.Input("transpose_x")?.ConstantValue?.GetLong(0) == 1;
                    var k = x.Rank == 1 ? x[0] : transposed ? x[x.Rank - 2] : x[x.Rank - 1];
                    return 2 * output * (k.IsKnown ? k.Size : 1);
                }
            case "softmax" or "layer_norm" or "batch_norm" or "instance_norm":
                return 5 * output;
            default:
                return op.Type.StartsWith("reduce_", StringComparison.Ordinal) || op.Type.EndsWith("_pool", StringComparison.Ordinal)
                    ? op.InputValues.Where(v => !v.IsConstant).Sum(Count)
                    : output;
        }
    }
}
