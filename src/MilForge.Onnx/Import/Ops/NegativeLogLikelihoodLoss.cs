using MilForge.Mil;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// NegativeLogLikelihoodLoss(input [N, C, d1..dk], target [N, d1..dk], weight [C]?) by composition (see <see cref="NllLoss"/>).
/// </summary>
[OnnxOp("NegativeLogLikelihoodLoss", 12, 13, 22)]
internal sealed class NegativeLogLikelihoodLoss : IOnnxConverter
{
    public void Convert(OnnxNodeContext context) =>
        context.SetOutput(0, NllLoss.Compute(context, context.Input(0), context.Input(1), context.OptionalInput(2)));
}

/// <summary>
/// The loss ONNX defines for NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss, over log-probabilities x [N, C, d...]:
/// loss[n, d] = −x[n, t, d]·w[t] with t = target[n, d] (w = 1 without weights), 0 where t equals ignore_index.
/// The picked value is <c>gather_along_axis</c> on axis 1 with the target expanded there; ignored targets are
/// replaced by class 0 before gathering (so every index is valid) and their loss and weight are zeroed by select.
/// Reduction "sum" adds all losses; "mean" divides that sum by the sum of the gathered weights (ONNX's rule, which is
/// the count of non-ignored targets without weights), so an all-ignored batch gives 0/0.
/// </summary>
internal static class NllLoss
{
    public static Value Compute(OnnxNodeContext context, Value x, Value target, Value? weight)
    {
        var reduction = context.Attributes.String("reduction", "mean");
        if (reduction is not ("none" or "sum" or "mean"))
        {
            throw context.Unsupported($"reduction='{reduction}' is not one of none, sum, mean");
        }
        if (x.Shape.Rank < 2 || target.Shape.Rank != x.Shape.Rank - 1)
        {
            throw context.Unsupported($"input {x.Shape} must be [N, C, d1..dk] and target {target.Shape} [N, d1..dk]");
        }
        var name = context.OutputName();
        target = ConverterHelpers.CastTo(context, target, Numerics.DataType.Int32, "target_i32");
        var keep = IgnoreMask(context, target, name);
        if (keep is not null)
        {
            target = context.Op("select", new() { { "cond", keep }, { "a", target }, { "b", context.Scalar(0, target, "class_zero") } }, $"{name}_safe_target");
        }
        var expanded = context.Op("expand_dims", new() { { "x", target }, { "axes", new[] { 1 } } }, $"{name}_target_n1");
        var picked = context.Op("gather_along_axis", new() { { "x", x }, { "indices", expanded }, { "axis", 1 } }, $"{name}_picked_n1");
        picked = context.Op("squeeze", new() { { "x", picked }, { "axes", new[] { 1 } } }, $"{name}_picked");
        // The per-element loss is the op's result for reduction "none": its last step takes the output's name.
        var last = weight is not null ? "weighted" : keep is not null ? "kept" : "negated";
        string Step(string step) => reduction == "none" && step == last ? name : $"{name}_{step}";
        var loss = context.Op("mul", new() { { "x", picked }, { "y", context.Scalar(-1, x, "minus_one") } }, Step("negated"));
        var zero = context.Scalar(0, x, "zero");
        if (keep is not null)
        {
            loss = context.Op("select", new() { { "cond", keep }, { "a", loss }, { "b", zero } }, Step("kept"));
        }
        Value? weights = null;
        if (weight is not null)
        {
            weights = context.Op("gather", new() { { "x", weight }, { "indices", target }, { "axis", 0 } }, $"{name}_target_weight");
            if (keep is not null)
            {
                weights = context.Op("select", new() { { "cond", keep }, { "a", weights }, { "b", zero } }, $"{name}_kept_weight");
            }
            loss = context.Op("mul", new() { { "x", loss }, { "y", weights } }, Step("weighted"));
        }
        else if (keep is not null)
        {
            weights = context.Op("select", new() { { "cond", keep }, { "a", context.Scalar(1, x, "one") }, { "b", zero } }, $"{name}_kept_count");
        }
        return reduction switch
        {
            "none" => loss,
            "sum" => context.Op("reduce_sum", new() { { "x", loss } }, name),
            _ when weights is null => context.Op("reduce_mean", new() { { "x", loss } }, name),
            _ => context.Op("real_div", new()
            {
                { "x", context.Op("reduce_sum", new() { { "x", loss } }, $"{name}_sum") },
                { "y", context.Op("reduce_sum", new() { { "x", weights } }, $"{name}_weight_sum") },
            }, name),
        };
    }

    // Targets are int32 in MIL: an ignore_index outside that range matches no valid target, so nothing is masked.
    private static Value? IgnoreMask(OnnxNodeContext context, Value target, string name)
    {
        if (!context.Attributes.Has("ignore_index"))
        {
            return null;
        }
        var ignore = context.Attributes.Int("ignore_index");
        return ignore is < int.MinValue or > int.MaxValue ? null
            : context.Op("not_equal", new() { { "x", target }, { "y", context.Scalar(ignore, target, "ignore_index") } }, $"{name}_keep");
    }
}
