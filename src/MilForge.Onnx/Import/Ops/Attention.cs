using MilForge.Mil;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Attention (opsets 23, 24) composed of MIL ops: 3-D inputs are split into heads (reshape + transpose), past_key and
/// past_value are concatenated along the sequence axis (the present outputs), Q is multiplied by the scale (default
/// 1/sqrt(head_size)), scores = Q·Kᵀ (grouped-query attention folds the query heads of a group into the sequence axis
/// instead of repeating K and V), optional softcap·tanh(scores/softcap), plus an additive bias (boolean masks become
/// 0/−∞, masks shorter than the total length are padded with −∞, the causal frontier j ≤ i + offset with offset = past
/// length, or per batch nonpad_kv_seqlen − q_len, and the nonpad_kv_seqlen padding), softmax, and the product with V.
/// Query rows whose bias is −∞ everywhere produce zeros, as ONNX specifies. qk_matmul_output takes the scores at the
/// stage qk_matmul_output_mode names. Shapes must be static.
/// </summary>
[OnnxOp("Attention", 23, 24)]
internal sealed class Attention : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var name = context.OutputName();
        var rank = context.Input(0).Shape.Rank;
        if (rank is not (3 or 4) || context.Input(1).Shape.Rank != rank || context.Input(2).Shape.Rank != rank)
        {
            throw context.Unsupported($"Q, K and V must all have rank 3 or all rank 4 (got {rank}, {context.Input(1).Shape.Rank}, {context.Input(2).Shape.Rank})");
        }
        var (q, k, v) = rank == 4 ? (context.Input(0), context.Input(1), context.Input(2)) : SplitHeads(context);
        var qShape = ConverterHelpers.StaticShape(context, q, "Attention");
        var kShape = ConverterHelpers.StaticShape(context, k, "Attention");
        var vShape = ConverterHelpers.StaticShape(context, v, "Attention");
        if (kShape[3] != qShape[3] || kShape[1] != vShape[1] || kShape[2] != vShape[2] || kShape[0] != qShape[0] || vShape[0] != qShape[0])
        {
            throw context.Unsupported($"Q {FormatShape(qShape)}, K {FormatShape(kShape)} and V {FormatShape(vShape)} do not fit together");
        }
        if (context.HasInput(4) != context.HasInput(5))
        {
            throw context.Unsupported("past_key and past_value must be given together");
        }
        var pastLength = 0;
        if (context.HasInput(4))
        {
            pastLength = ConverterHelpers.StaticShape(context, context.Input(4), "past_key")[2];
            // Named apart from the present outputs (the importer adds identities carrying those names): the FP16 pass
            // cannot give a block output its name back while the value also feeds other ops.
            k = context.Op("concat", new() { { "values", new[] { context.Input(4), k } }, { "axis", 2 } }, $"{name}_keys");
            v = context.Op("concat", new() { { "values", new[] { context.Input(5), v } }, { "axis", 2 } }, $"{name}_values");
        }
        context.SetOutput(1, k);
        context.SetOutput(2, v);

        int batch = qShape[0], qHeads = qShape[1], queries = qShape[2], kvHeads = kShape[1], total = kShape[2] + pastLength;
        if (qHeads % kvHeads != 0)
        {
            throw context.Unsupported($"{qHeads} query heads are not a multiple of {kvHeads} key/value heads");
        }
        var group = qHeads / kvHeads;
        var scale = context.Attributes.Has("scale") ? context.Attributes.Float("scale", 1) : 1 / Math.Sqrt(qShape[3]);
        var scaled = context.Op("mul", new() { { "x", q }, { "y", context.Scalar(scale, q, "scale") } }, $"{name}_q_scaled");
        var grouped = ConverterHelpers.Reshape(context, scaled, [batch, kvHeads, group * queries, qShape[3]], $"{name}_q_grouped");
        var product = context.Op("matmul", new() { { "x", grouped }, { "y", k }, { "transpose_y", true } }, $"{name}_qk_grouped");
        var scores = ConverterHelpers.Reshape(context, product, [batch, qHeads, queries, total], $"{name}_qk");
        var qkRaw = scores;

        var softcap = context.Attributes.Float("softcap", 0);
        if (softcap > 0)
        {
            var divided = context.Op("real_div", new() { { "x", scores }, { "y", context.Scalar(softcap, scores, "softcap") } }, $"{name}_qk_divided");
            var tanh = context.Op("tanh", new() { { "x", divided } }, $"{name}_qk_tanh");
            scores = context.Op("mul", new() { { "x", tanh }, { "y", context.Scalar(softcap, scores, "softcap_scale") } }, $"{name}_qk_softcapped");
        }
        var qkSoftcapped = scores;

        var bias = AttentionBias.Build(context, scores.DataType, batch, queries, total, pastLength);
        if (bias is not null)
        {
            scores = context.Op("add", new() { { "x", scores }, { "y", bias } }, $"{name}_qk_biased");
        }
        var qkBiased = scores;
        var probabilities = context.Op("softmax", new() { { "x", scores }, { "axis", -1 } }, $"{name}_probabilities");
        if (bias is not null && AttentionBias.MayMaskWholeRows(bias))
        {
            probabilities = ZeroFullyMaskedRows(context, bias, probabilities);
        }

        var mode = context.Attributes.Int("qk_matmul_output_mode", 0);
        context.SetOutput(3, mode switch
        {
            0 => qkRaw,
            1 => qkSoftcapped,
            2 => qkBiased,
            3 => probabilities,
            _ => throw context.Unsupported($"qk_matmul_output_mode {mode} is not 0–3"),
        });

        var groupedProbabilities = ConverterHelpers.Reshape(context, probabilities, [batch, kvHeads, group * queries, total], $"{name}_probabilities_grouped");
        var attended = context.Op("matmul", new() { { "x", groupedProbabilities }, { "y", v } }, rank == 4 ? $"{name}_grouped" : $"{name}_heads_grouped");
        var heads = ConverterHelpers.Reshape(context, attended, [batch, qHeads, queries, vShape[3]], rank == 4 ? name : $"{name}_heads");
        if (rank == 3)
        {
            var transposed = context.Op("transpose", new() { { "x", heads }, { "perm", new[] { 0, 2, 1, 3 } } }, $"{name}_merge");
            heads = ConverterHelpers.Reshape(context, transposed, [batch, queries, qHeads * vShape[3]], name);
        }
        context.SetOutput(0, heads);
    }

    /// <summary>3-D [B, S, heads·D] inputs as [B, heads, S, D], with the head counts the attributes give.</summary>
    private static (Value Q, Value K, Value V) SplitHeads(OnnxNodeContext context)
    {
        if (!context.Attributes.Has("q_num_heads") || !context.Attributes.Has("kv_num_heads"))
        {
            throw context.Unsupported("3-D inputs need the q_num_heads and kv_num_heads attributes");
        }
        var qHeads = checked((int)context.Attributes.Int("q_num_heads"));
        var kvHeads = checked((int)context.Attributes.Int("kv_num_heads"));
        return (Split(context, 0, qHeads, "q"), Split(context, 1, kvHeads, "k"), Split(context, 2, kvHeads, "v"));
    }

    private static Value Split(OnnxNodeContext context, int index, int heads, string what)
    {
        var x = context.Input(index);
        var shape = ConverterHelpers.StaticShape(context, x, "Attention");
        if (heads <= 0 || shape[2] % heads != 0)
        {
            throw context.Unsupported($"the hidden size {shape[2]} of {what} is not a multiple of {heads} heads");
        }
        var split = ConverterHelpers.Reshape(context, x, [shape[0], shape[1], heads, shape[2] / heads], $"{context.OutputName()}_{what}_split");
        return context.Op("transpose", new() { { "x", split }, { "perm", new[] { 0, 2, 1, 3 } } }, $"{context.OutputName()}_{what}_heads");
    }

    /// <summary>Rows whose bias is −∞ throughout attend nothing: their probabilities are 0 (softmax alone gives NaN).</summary>
    private static Value ZeroFullyMaskedRows(OnnxNodeContext context, Value bias, Value probabilities)
    {
        var name = context.OutputName();
        var rowMax = context.Op("reduce_max", new() { { "x", bias }, { "axes", new[] { -1 } }, { "keep_dims", true } }, $"{name}_bias_row_max");
        var masked = context.Op("equal", new() { { "x", rowMax }, { "y", context.Scalar(double.NegativeInfinity, bias, "neg_inf_row") } }, $"{name}_row_masked");
        return context.Op("select", new() { { "cond", masked }, { "a", context.Scalar(0, probabilities, "zero_row") }, { "b", probabilities } },
            $"{name}_probabilities_guarded");
    }

    private static string FormatShape(int[] shape) => $"[{string.Join(", ", shape)}]";
}
