namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// InstanceNormalization (1, 6, 22): per sample and channel over the spatial dims, then per-channel scale and B.
/// Rank 3–4 with constant scale and B → MIL <c>instance_norm</c>; otherwise composed: mean, variance (biased),
/// rsqrt(variance, ε), with scale and B reshaped to [C, 1, …].
/// </summary>
[OnnxOp("InstanceNormalization", 1, 6, 22)]
internal sealed class InstanceNormalization : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var scale = context.Input(1);
        var bias = context.Input(2);
        var rank = x.Shape.Rank;
        if (rank < 3)
        {
            throw context.Unsupported($"input rank {rank} has no spatial dims");
        }
        var epsilon = context.Scalar(context.Attributes.Float("epsilon", 1e-5f), x, "epsilon");
        if (rank is 3 or 4 && scale.IsConstant && bias.IsConstant && scale.Shape.Rank == 1 && bias.Shape.Rank == 1
            && scale.DataType == x.DataType && bias.DataType == x.DataType)
        {
            context.SetOutput(0, context.Op("instance_norm", new() { { "x", x }, { "gamma", scale }, { "beta", bias }, { "epsilon", epsilon } }));
            return;
        }
        var name = context.OutputName();
        var axes = Enumerable.Range(2, rank - 2).ToArray();
        var normalized = Normalization.Standardize(context, x, axes, epsilon, name);
        var perChannel = new int[rank - 1];
        Array.Fill(perChannel, 1);
        perChannel[0] = -1;
        var scaled = context.Op("mul", new() { { "x", normalized }, { "y", ConverterHelpers.Reshape(context, scale, perChannel, $"{name}_scale_channels") } }, $"{name}_scaled");
        context.SetOutput(0, context.Op("add", new() { { "x", scaled }, { "y", ConverterHelpers.Reshape(context, bias, perChannel, $"{name}_bias_channels") } }));
    }
}
