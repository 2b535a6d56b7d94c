using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Transformers;

/// <summary>
/// <c>scaled_dot_product_attention</c>: per batch and query row, scores q·kⱼ / √E plus the mask (a false bool entry
/// gives −∞), a max-shifted softmax over j, and the weighted sum of value rows; in double, rounded once.
/// </summary>
internal sealed class ScaledDotProductAttentionKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["scaled_dot_product_attention"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var query = context.Input("query");
        var key = context.Input("key");
        var value = context.Input("value");
        var (q, k, v) = (query.AsFloats(), key.AsFloats(), value.AsFloats());
        var rank = query.Rank;
        var (l, e, s, ev) = (query.Shape[rank - 2], query.Shape[rank - 1], key.Shape[rank - 2], value.Shape[rank - 1]);
        var batches = Broadcasting.Product(query.ShapeArray().AsSpan(0, rank - 2));
        if (key.Shape[rank - 1] != e || value.Shape[rank - 2] != s || key.Length != batches * s * e || value.Length != batches * s * ev)
        {
            throw context.Error($"query [{string.Join(",", query.Shape)}], key [{string.Join(",", key.Shape)}] and value [{string.Join(",", value.Shape)}] do not fit together");
        }
        int[] scoreShape = [.. query.Shape[..^1], s];
        var (mask, maskMap) = Mask(context, scoreShape);
        var scale = 1 / Math.Sqrt(e);
        var result = new double[batches * l * ev];
        var scores = new double[s];
        for (var b = 0; b < batches; b++)
        {
            for (var i = 0; i < l; i++)
            {
                var qRow = ((b * l) + i) * e;
                var max = double.NegativeInfinity;
                for (var j = 0; j < s; j++)
                {
                    var kRow = ((b * s) + j) * e;
                    var dot = 0.0;
                    for (var c = 0; c < e; c++)
                    {
                        dot += (double)q[qRow + c] * k[kRow + c];
                    }
                    scores[j] = (dot * scale) + (mask is null ? 0 : mask[maskMap![(((b * l) + i) * s) + j]]);
                    max = Math.Max(max, scores[j]);
                }
                var sum = 0.0;
                for (var j = 0; j < s; j++)
                {
                    scores[j] = Math.Exp(scores[j] - max);
                    sum += scores[j];
                }
                var outRow = ((b * l) + i) * ev;
                for (var j = 0; j < s; j++)
                {
                    var weight = scores[j] / sum;
                    var vRow = ((b * s) + j) * ev;
                    for (var c = 0; c < ev; c++)
                    {
                        result[outRow + c] += weight * v[vRow + c];
                    }
                }
            }
        }
        return [context.Output(result, [.. query.Shape[..^1], ev])];
    }

    /// <summary>The additive mask as doubles and, per score [B…, L, S], the index of its mask entry (null: no mask).</summary>
    private static (double[]? Mask, int[]? Map) Mask(KernelContext context, int[] scoreShape)
    {
        if (context.OptionalInput("attn_mask") is not { } mask)
        {
            return (null, null);
        }
        if (Broadcasting.TryBroadcast(mask.ShapeArray(), scoreShape) is not { } b || !b.AsSpan().SequenceEqual(scoreShape))
        {
            throw context.Error($"attn_mask [{string.Join(",", mask.Shape)}] does not broadcast to [{string.Join(",", scoreShape)}]");
        }
        var additive = mask.DataType == DataType.Bool
            ? mask.Storage<bool>().Select(keep => keep ? 0.0 : double.NegativeInfinity).ToArray()
            : mask.AsDoubles();
        return (additive, Broadcasting.IndexMap(mask.ShapeArray(), scoreShape));
    }
}
