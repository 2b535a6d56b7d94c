using MilForge.Mil;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// BatchNormalization in inference mode → MIL <c>batch_norm</c> (rank 3–5; rank-2 inputs get a trailing unit dim).
/// Non-constant statistics decompose into (x − mean)/sqrt(var + ε)·scale + B with per-channel broadcasting.
/// Training mode and the running-statistics outputs are not supported.
/// </summary>
[OnnxOp("BatchNormalization", 1, 6, 7, 9, 14, 15)]
internal sealed class BatchNormalization : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        if (context.Attributes.Int("training_mode", 0) != 0 || Enumerable.Range(1, 4).Any(context.HasOutput))
        {
            throw context.Unsupported("training mode (running statistics outputs) is not supported");
        }
        if (context.Since < 9 && context.Attributes.Int("spatial", 1) == 0)
        {
            throw context.Unsupported("spatial=0 is not supported");
        }
        var x = context.Input(0);
        var rank = x.Shape.Rank;
        if (rank < 2)
        {
            throw context.Unsupported($"input rank {rank} is not supported");
        }
        var (scale, bias, mean, variance) = (context.Input(1), context.Input(2), context.Input(3), context.Input(4));
        var epsilon = context.Attributes.Float("epsilon", 1e-5f);
        var name = context.OutputName();
        if (!(scale.IsConstant && bias.IsConstant && mean.IsConstant && variance.IsConstant) || rank > 5)
        {
            context.SetOutput(0, Decomposed(context, x, scale, bias, mean, variance, epsilon));
            return;
        }
        var input = rank == 2 ? context.Op("expand_dims", new() { { "x", x }, { "axes", new[] { 2 } } }, $"{name}_3d") : x;
        var normalized = context.Op("batch_norm", new()
        {
            { "x", input },
            { "mean", mean },
            { "variance", variance },
            { "gamma", scale },
            { "beta", bias },
            { "epsilon", context.Scalar(epsilon, x, "epsilon") },
        }, rank == 2 ? $"{name}_bn" : name);
        context.SetOutput(0, rank == 2 ? context.Op("squeeze", new() { { "x", normalized }, { "axes", new[] { 2 } } }) : normalized);
    }

    private static Value Decomposed(OnnxNodeContext context, Value x, Value scale, Value bias, Value mean, Value variance, float epsilon)
    {
        var name = context.OutputName();
        var perChannel = new int[x.Shape.Rank - 1];
        perChannel[0] = -1;
        Array.Fill(perChannel, 1, 1, perChannel.Length - 1);
        Value Channel(Value v, string suffix) => context.Op("reshape", new() { { "x", v }, { "shape", perChannel } }, $"{name}_{suffix}");
        var centered = context.Op("sub", new() { { "x", x }, { "y", Channel(mean, "mean") } }, $"{name}_centered");
        var std = context.Op("sqrt", new()
        {
            { "x", context.Op("add", new() { { "x", Channel(variance, "var") }, { "y", context.Scalar(epsilon, x, "epsilon") } }, $"{name}_var_eps") },
        }, $"{name}_std");
        var normalized = context.Op("real_div", new() { { "x", centered }, { "y", std } }, $"{name}_normalized");
        var scaled = context.Op("mul", new() { { "x", normalized }, { "y", Channel(scale, "scale") } }, $"{name}_scaled");
        return context.Op("add", new() { { "x", scaled }, { "y", Channel(bias, "bias") } });
    }
}
