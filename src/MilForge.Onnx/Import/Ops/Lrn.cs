namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// LRN (1, 13) composed of MIL ops: the sum of squares over the channel window [c − ⌊(size−1)/2⌋, c + ⌈(size−1)/2⌉] is
/// an <c>avg_pool</c> (kernel [size, 1], zero padding counted) of x² viewed as [N, 1, C, spatial] times size, so
/// y = x / (bias + alpha · avg)^beta. Needs the static shape of x.
/// </summary>
[OnnxOp("LRN", 1, 13)]
internal sealed class Lrn : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var name = context.OutputName();
        var x = context.Input(0);
        var shape = ConverterHelpers.StaticShape(context, x, "LRN");
        if (shape.Length < 3)
        {
            throw context.Unsupported($"input rank {shape.Length} must be at least 3");
        }
        var size = checked((int)context.Attributes.Int("size"));
        if (size <= 0)
        {
            throw context.Unsupported($"size {size} must be positive");
        }
        var spatial = shape.Skip(2).Aggregate(1, (p, d) => p * d);
        var squares = context.Op("mul", new() { { "x", x }, { "y", x } }, $"{name}_squares");
        var planes = ConverterHelpers.Reshape(context, squares, [shape[0], 1, shape[1], spatial], $"{name}_channel_planes");
        var window = context.Op("avg_pool", new()
        {
            { "x", planes },
            { "kernel_sizes", new[] { size, 1 } },
            { "strides", new[] { 1, 1 } },
            { "pad_type", "custom" },
            { "pad", new[] { (size - 1) / 2, size / 2, 0, 0 } },
            { "exclude_padding_from_average", false },
            { "ceil_mode", false },
        }, $"{name}_window_mean");
        var mean = ConverterHelpers.Reshape(context, window, shape, $"{name}_window_mean_restored");
        var weighted = context.Op("mul", new() { { "x", mean }, { "y", context.Scalar(context.Attributes.Float("alpha", 1e-4f), x, "alpha") } }, $"{name}_weighted");
        var based = context.Op("add", new() { { "x", weighted }, { "y", context.Scalar(context.Attributes.Float("bias", 1f), x, "bias") } }, $"{name}_based");
        var denominator = context.Op("pow", new() { { "x", based }, { "y", context.Scalar(context.Attributes.Float("beta", 0.75f), x, "beta") } }, $"{name}_denominator");
        context.SetOutput(0, context.Op("real_div", new() { { "x", x }, { "y", denominator } }));
    }
}
