using MilForge.Mil;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// RotaryEmbedding (opset 23) composed of MIL ops. 4-D input [B, heads, S, D] is rotated in place; 3-D input
/// [B, S, heads·D] is reshaped to [B, S, heads, D] (num_heads). cos/sin come from the caches gathered at position_ids
/// ([max_pos, R/2] caches) or as given ([B, S, R/2]), broadcast over the heads. The first R = rotary_embedding_dim
/// (default D) features rotate: x1, x2 are the two halves, or the even and odd features when interleaved (read as
/// [..., R/2, 2] pairs); real = cos·x1 − sin·x2, imag = sin·x1 + cos·x2, written back the same way, the remaining
/// features pass through. Shapes must be static.
/// </summary>
[OnnxOp("RotaryEmbedding", 23)]
internal sealed class RotaryEmbedding : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var name = context.OutputName();
        var input = context.Input(0);
        var original = ConverterHelpers.StaticShape(context, input, "RotaryEmbedding");
        if (original.Length is not (3 or 4))
        {
            throw context.Unsupported($"input rank {original.Length} is not 3 or 4");
        }
        var x = input;
        int[] shape = original;
        if (original.Length == 3)
        {
            var heads = checked((int)context.Attributes.Int("num_heads", 0));
            if (heads <= 0 || original[2] % heads != 0)
            {
                throw context.Unsupported($"3-D input needs num_heads dividing the hidden size {original[2]} (got {heads})");
            }
            shape = [original[0], original[1], heads, original[2] / heads];
            x = ConverterHelpers.Reshape(context, input, shape, $"{name}_heads");
        }
        var headSize = shape[3];
        var rotated = checked((int)context.Attributes.Int("rotary_embedding_dim", 0));
        rotated = rotated == 0 ? headSize : rotated;
        if (rotated > headSize || rotated % 2 != 0)
        {
            throw context.Unsupported($"rotary_embedding_dim {rotated} must be even and at most the head size {headSize}");
        }
        var half = rotated / 2;
        // The sequence axis: 1 in [B, S, heads, D], 2 in [B, heads, S, D]; cos/sin get a unit heads axis.
        var headsAxis = original.Length == 3 ? 2 : 1;
        var cos = Cache(context, 1, half, headsAxis, "cos");
        var sin = Cache(context, 2, half, headsAxis, "sin");
        var interleaved = context.Attributes.Int("interleaved", 0) != 0;

        var part = rotated == headSize ? x : Slice(context, x, shape, 0, rotated, $"{name}_rotated_part");
        int[] partShape = [.. shape[..3], rotated];
        Value x1, x2;
        if (interleaved)
        {
            int[] pairs = [.. shape[..3], half, 2];
            part = ConverterHelpers.Reshape(context, part, pairs, $"{name}_pairs");
            x1 = Slice(context, part, pairs, 0, 1, $"{name}_x1");
            x2 = Slice(context, part, pairs, 1, 2, $"{name}_x2");
            cos = Unsqueeze(context, cos, $"{name}_cos_pairs");
            sin = Unsqueeze(context, sin, $"{name}_sin_pairs");
        }
        else
        {
            x1 = Slice(context, part, partShape, 0, half, $"{name}_x1");
            x2 = Slice(context, part, partShape, half, rotated, $"{name}_x2");
        }
        var real = context.Op("sub", new() { { "x", Mul(context, cos, x1, "cos_x1") }, { "y", Mul(context, sin, x2, "sin_x2") } }, $"{name}_real");
        var imag = context.Op("add", new() { { "x", Mul(context, sin, x1, "sin_x1") }, { "y", Mul(context, cos, x2, "cos_x2") } }, $"{name}_imag");
        Value result = context.Op("concat", new() { { "values", new[] { real, imag } }, { "axis", -1 } }, $"{name}_rotated");
        if (interleaved)
        {
            result = ConverterHelpers.Reshape(context, result, partShape, $"{name}_rotated_merged");
        }
        if (rotated < headSize)
        {
            var pass = Slice(context, x, shape, rotated, headSize, $"{name}_pass");
            result = context.Op("concat", new() { { "values", new[] { result, pass } }, { "axis", -1 } }, $"{name}_joined");
        }
        context.SetOutput(0, ConverterHelpers.Reshape(context, result, original, name));
    }

    /// <summary>The cos or sin values as [B, 1, S, R/2] or [B, S, 1, R/2] (the heads axis inserted).</summary>
    private static Value Cache(OnnxNodeContext context, int index, int half, int headsAxis, string what)
    {
        var cache = context.Input(index);
        var shape = ConverterHelpers.StaticShape(context, cache, $"the {what} cache");
        if (shape[^1] != half)
        {
            throw context.Unsupported($"the {what} cache's last dim {shape[^1]} is not rotary_embedding_dim/2 = {half}");
        }
        if (context.HasInput(3))
        {
            if (shape.Length != 2)
            {
                throw context.Unsupported($"with position_ids the {what} cache must be [max_position, {half}]");
            }
            cache = context.Op("gather", new() { { "x", cache }, { "indices", context.Input(3) }, { "axis", 0 } }, $"{context.OutputName()}_{what}");
        }
        else if (shape.Length != 3)
        {
            throw context.Unsupported($"without position_ids the {what} cache must be [batch, sequence, {half}]");
        }
        return context.Op("expand_dims", new() { { "x", cache }, { "axes", new[] { headsAxis } } }, $"{context.OutputName()}_{what}_heads");
    }

    private static Value Unsqueeze(OnnxNodeContext context, Value x, string name) =>
        context.Op("expand_dims", new() { { "x", x }, { "axes", new[] { -1 } } }, name);

    private static Value Mul(OnnxNodeContext context, Value a, Value b, string suffix) =>
        context.Op("mul", new() { { "x", a }, { "y", b } }, $"{context.OutputName()}_{suffix}");

    /// <summary>x[..., from:to] along the last dim.</summary>
    private static Value Slice(OnnxNodeContext context, Value x, int[] shape, int from, int to, string name)
    {
        var begin = new int[shape.Length];
        begin[^1] = from;
        int[] end = [.. shape[..^1], to];
        return context.Op("slice_by_index", new() { { "x", x }, { "begin", begin }, { "end", end } }, name);
    }
}
