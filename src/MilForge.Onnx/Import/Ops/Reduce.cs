namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// ReduceSum/Mean/Max/Min/Prod/L1/L2/LogSum/LogSumExp/SumSquare → MIL <c>reduce_*</c>. Axes come from the attribute
/// or (ReduceSum from 13, the others from 18) a constant input; keepdims defaults to 1; with no axes the reduction
/// runs over all dims unless noop_with_empty_axes=1, which reduces nothing (each element on its own).
/// </summary>
[OnnxOp("ReduceSum", 1, 11, 13)]
[OnnxOp("ReduceMean", 1, 11, 13, 18)]
[OnnxOp("ReduceMax", 1, 11, 12, 13, 18, 20)]
[OnnxOp("ReduceMin", 1, 11, 12, 13, 18, 20)]
[OnnxOp("ReduceProd", 1, 11, 13, 18)]
[OnnxOp("ReduceL1", 1, 11, 13, 18)]
[OnnxOp("ReduceL2", 1, 11, 13, 18)]
[OnnxOp("ReduceLogSum", 1, 11, 13, 18)]
[OnnxOp("ReduceLogSumExp", 1, 11, 13, 18)]
[OnnxOp("ReduceSumSquare", 1, 11, 13, 18)]
internal sealed class Reduce : IOnnxConverter
{
    private static readonly Dictionary<string, string> MilOps = new()
    {
        ["ReduceSum"] = "reduce_sum",
        ["ReduceMean"] = "reduce_mean",
        ["ReduceMax"] = "reduce_max",
        ["ReduceMin"] = "reduce_min",
        ["ReduceProd"] = "reduce_prod",
        ["ReduceL1"] = "reduce_l1_norm",
        ["ReduceL2"] = "reduce_l2_norm",
        ["ReduceLogSum"] = "reduce_log_sum",
        ["ReduceLogSumExp"] = "reduce_log_sum_exp",
        ["ReduceSumSquare"] = "reduce_sum_square",
    };

    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var axesAsInput = context.OpType == "ReduceSum" ? context.Since >= 13 : context.Since >= 18;
        var axes = axesAsInput ? (context.HasInput(1) ? ConverterHelpers.Axes(context, 1, x.Shape.Rank) : null)
            : ConverterHelpers.Axes(context, int.MaxValue, x.Shape.Rank);
        if (axes is null or { Length: 0 } && axesAsInput && context.Attributes.Int("noop_with_empty_axes", 0) != 0)
        {
            context.SetOutput(0, ReduceNothing(context, x));
            return;
        }
        var isBool = x.DataType == Numerics.DataType.Bool;
        if (isBool && context.OpType is not ("ReduceMax" or "ReduceMin"))
        {
            throw context.Unsupported($"{context.OpType} of bool tensors is not supported");
        }
        var input = isBool ? ConverterHelpers.CastTo(context, x, Numerics.DataType.Int32, "as_int") : x;
        var args = new Mil.Building.OpArgs { { "x", input }, { "keep_dims", context.Attributes.Int("keepdims", 1) != 0 } };
        if (axes is { Length: > 0 })
        {
            args.Add("axes", axes);
        }
        var reduced = context.Op(MilOps[context.OpType], args, isBool ? $"{context.OutputName()}_int" : null);
        // Max and min of bools are any and all: reduce as int32 and cast back.
        context.SetOutput(0, isBool ? context.Op("cast", new() { { "x", reduced }, { "dtype", "bool" } }) : reduced);
    }

    // Reducing over no axes leaves every element on its own: the L1/L2 norm of one value is its magnitude, the sum of
    // squares its square, the log-sum its log; the other reductions return it unchanged (as ONNX Runtime computes).
    private static Mil.Value ReduceNothing(OnnxNodeContext context, Mil.Value x) => context.OpType switch
    {
        "ReduceL1" or "ReduceL2" => context.Op("abs", new() { { "x", x } }),
        "ReduceSumSquare" => context.Op("mul", new() { { "x", x }, { "y", x } }),
        "ReduceLogSum" => context.Op("log", new() { { "x", x }, { "epsilon", context.Scalar(0, x, "epsilon") } }),
        _ => context.Op("identity", new() { { "x", x } }),
    };
}
