namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// GroupNormalization (18, 21) composed of MIL ops: x [N, C, …] is viewed as [N, G, C/G·spatial], standardized along
/// the last axis (biased variance, ε), then scaled and shifted: per group in opset 18 (scale and bias [G], applied in
/// the grouped view), per channel in opset 21 (scale and bias [C]). stash_type is accepted (the interpreter computes
/// in float32). Needs the static shape of x.
/// </summary>
[OnnxOp("GroupNormalization", 18, 21)]
internal sealed class GroupNormalization : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var name = context.OutputName();
        var x = context.Input(0);
        var shape = ConverterHelpers.StaticShape(context, x, "GroupNormalization");
        if (shape.Length < 2)
        {
            throw context.Unsupported($"input rank {shape.Length} has no channel dim");
        }
        var groups = checked((int)context.Attributes.Int("num_groups"));
        var channels = shape[1];
        if (groups <= 0 || channels % groups != 0)
        {
            throw context.Unsupported($"num_groups {groups} does not divide the {channels} channels");
        }
        var perGroup = shape.Skip(1).Aggregate(1, (p, d) => p * d) / groups;
        var grouped = ConverterHelpers.Reshape(context, x, [shape[0], groups, perGroup], $"{name}_grouped");
        var epsilon = context.Scalar(context.Attributes.Float("epsilon", 1e-5f), x, "epsilon");
        var normalized = Normalization.Standardize(context, grouped, [2], epsilon, name);
        var scale = context.Input(1);
        var bias = context.Input(2);
        if (context.Since < 21)
        {
            var scaledGroups = context.Op("mul", new() { { "x", normalized }, { "y", ConverterHelpers.Reshape(context, scale, [groups, 1], $"{name}_scale_groups") } }, $"{name}_scaled");
            var shifted = context.Op("add", new() { { "x", scaledGroups }, { "y", ConverterHelpers.Reshape(context, bias, [groups, 1], $"{name}_bias_groups") } }, $"{name}_shifted");
            context.SetOutput(0, ConverterHelpers.Reshape(context, shifted, shape, name));
            return;
        }
        var restored = ConverterHelpers.Reshape(context, normalized, shape, $"{name}_restored");
        var perChannel = Enumerable.Repeat(1, shape.Length - 1).ToArray();
        perChannel[0] = channels;
        var scaled = context.Op("mul", new() { { "x", restored }, { "y", ConverterHelpers.Reshape(context, scale, perChannel, $"{name}_scale_channels") } }, $"{name}_scaled");
        context.SetOutput(0, context.Op("add", new() { { "x", scaled }, { "y", ConverterHelpers.Reshape(context, bias, perChannel, $"{name}_bias_channels") } }));
    }
}
