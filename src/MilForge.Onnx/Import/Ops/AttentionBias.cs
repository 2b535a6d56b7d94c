using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// The additive bias of Attention, broadcastable to [B, heads, S_q, total]: attn_mask (boolean → 0/−∞, float as is,
/// a short last dim padded with −∞), the causal frontier (a constant for a fixed offset, computed from
/// nonpad_kv_seqlen per batch otherwise) and the nonpad_kv_seqlen padding. Null when there is nothing to add.
/// </summary>
internal static class AttentionBias
{
    public static Value? Build(OnnxNodeContext context, DataType type, int batch, int queries, int total, int pastLength)
    {
        var parts = new List<Value>();
        if (context.HasInput(3))
        {
            parts.Add(Mask(context, type, total));
        }
        var lengths = context.HasInput(6) ? NonPadLengths(context, batch) : null;
        if (lengths is not null && pastLength > 0)
        {
            throw context.Unsupported("nonpad_kv_seqlen cannot be combined with past_key and past_value");
        }
        var causal = context.Attributes.Int("is_causal", 0) != 0;
        if (causal)
        {
            parts.Add(lengths is null ? FixedCausal(context, type, queries, total, pastLength) : PerBatchCausal(context, type, queries, total, lengths));
        }
        else if (lengths is not null)
        {
            // The causal frontier j ≤ i + n − S_q already implies j < n, so padding is only added without it.
            var positions = context.Const(Tensor.Vector(Enumerable.Range(0, total).ToArray()), "key_positions");
            var valid = context.Op("less", new() { { "x", positions }, { "y", lengths } }, $"{context.OutputName()}_key_valid");
            parts.Add(ZeroOrNegativeInfinity(context, valid, type, "padding_bias"));
        }
        if (parts.Count == 0)
        {
            return null;
        }
        var bias = parts[0];
        for (var p = 1; p < parts.Count; p++)
        {
            bias = context.Op("add", new() { { "x", bias }, { "y", parts[p] } }, $"{context.OutputName()}_bias{p}");
        }
        return bias;
    }

    /// <summary>False only for a constant bias with at least one finite entry in every row.</summary>
    public static bool MayMaskWholeRows(Value bias)
    {
        if (bias.ConstantValue is not { } constant)
        {
            return true;
        }
        var values = constant.AsDoubles();
        var row = constant.Shape.Length == 0 ? 1 : constant.Shape[^1];
        for (var start = 0; start < values.Length; start += row)
        {
            if (values.AsSpan(start, row).IndexOfAnyExcept(double.NegativeInfinity) < 0)
            {
                return true;
            }
        }
        return false;
    }

    private static Value Mask(OnnxNodeContext context, DataType type, int total)
    {
        var mask = context.Input(3);
        var shape = ConverterHelpers.StaticShape(context, mask, "attn_mask");
        if (shape.Length is < 1 or > 4 || shape[^1] > total)
        {
            throw context.Unsupported($"attn_mask [{string.Join(", ", shape)}] must have rank 1–4 and at most {total} keys");
        }
        var additive = mask.DataType == DataType.Bool ? ZeroOrNegativeInfinity(context, mask, type, "mask_bias")
            : ConverterHelpers.CastTo(context, mask, type, "mask_cast");
        if (shape[^1] == total)
        {
            return additive;
        }
        int[] padShape = [.. shape[..^1], total - shape[^1]];
        var pad = context.Const(Tensor.FromDoubles(Enumerable.Repeat(double.NegativeInfinity, padShape.Aggregate(1, (p, d) => p * d)).ToArray(), padShape, type), "mask_padding");
        return context.Op("concat", new() { { "values", new[] { additive, pad } }, { "axis", shape.Length - 1 } }, $"{context.OutputName()}_mask_padded");
    }

    /// <summary>nonpad_kv_seqlen as [B, 1, 1, 1] (int32).</summary>
    private static Value NonPadLengths(OnnxNodeContext context, int batch)
    {
        var lengths = context.Input(6);
        if (lengths.Shape.Rank != 1 || !lengths.Shape[0].IsKnown || lengths.Shape[0].Size != batch)
        {
            throw context.Unsupported($"nonpad_kv_seqlen {lengths.Shape} must be [{batch}]");
        }
        var ints = ConverterHelpers.CastTo(context, lengths, DataType.Int32, "nonpad_int32");
        return ConverterHelpers.Reshape(context, ints, [batch, 1, 1, 1], $"{context.OutputName()}_nonpad");
    }

    /// <summary>Query i attends key j iff j ≤ i + offset: a [S_q, total] constant of 0 and −∞.</summary>
    private static Value FixedCausal(OnnxNodeContext context, DataType type, int queries, int total, int offset)
    {
        var values = new double[queries * total];
        for (var i = 0; i < queries; i++)
        {
            for (var j = 0; j < total; j++)
            {
                values[(i * total) + j] = j <= i + offset ? 0 : double.NegativeInfinity;
            }
        }
        return context.Const(Tensor.FromDoubles(values, [queries, total], type), "causal_bias");
    }

    /// <summary>Query i attends key j iff j ≤ i + n[b] − S_q, i.e. j − i + S_q ≤ n[b]: [B, 1, S_q, total].</summary>
    private static Value PerBatchCausal(OnnxNodeContext context, DataType type, int queries, int total, Value lengths)
    {
        var needed = new int[queries * total];
        for (var i = 0; i < queries; i++)
        {
            for (var j = 0; j < total; j++)
            {
                needed[(i * total) + j] = j - i + queries;
            }
        }
        var threshold = context.Const(Tensor.Create(needed, queries, total), "causal_needed_length");
        var allowed = context.Op("less_equal", new() { { "x", threshold }, { "y", lengths } }, $"{context.OutputName()}_causal_allowed");
        return ZeroOrNegativeInfinity(context, allowed, type, "causal_bias");
    }

    private static Value ZeroOrNegativeInfinity(OnnxNodeContext context, Value condition, DataType type, string suffix) =>
        context.Op("select", new()
        {
            { "cond", condition },
            { "a", context.Const(Tensor.FromDoubles([0], [], type), $"{suffix}_zero") },
            { "b", context.Const(Tensor.FromDoubles([double.NegativeInfinity], [], type), $"{suffix}_neg_inf") },
        }, $"{context.OutputName()}_{suffix}");
}
