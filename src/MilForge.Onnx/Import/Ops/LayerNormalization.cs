using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// LayerNormalization (opset 17) → MIL <c>layer_norm</c> over axes [axis, rank). Scale and B fold into the op when they
/// are constants of exactly the normalized shape; otherwise they are applied with mul/add (ONNX lets them broadcast).
/// When the Mean or InvStdDev output is used, the op is decomposed so both exist as values: mean = reduce_mean(x),
/// d = x − mean, inv = rsqrt(reduce_mean(d·d), epsilon), y = d·inv·scale + B (reductions keep their dims, as ONNX's
/// statistics outputs do).
/// </summary>
[OnnxOp("LayerNormalization", 17)]
internal sealed class LayerNormalization : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var rank = x.Shape.Rank;
        var axis = ConverterHelpers.NormalizeAxis(context, context.Attributes.Int("axis", -1), rank);
        var axes = Enumerable.Range(axis, rank - axis).ToArray();
        if (context.HasOutput(1) || context.HasOutput(2))
        {
            ConvertWithStatistics(context, x, axes);
            return;
        }
        var normalizedShape = new Numerics.Shape(axes.Select(a => x.Shape[a]));
        var scale = context.Input(1);
        var bias = context.OptionalInput(2);
        var name = context.OutputName();
        var foldScale = scale.IsConstant && scale.Shape.Equals(normalizedShape) && scale.DataType == x.DataType;
        var foldBias = bias is null || (bias.IsConstant && bias.Shape.Equals(normalizedShape) && bias.DataType == x.DataType);
        var args = new Mil.Building.OpArgs
        {
            { "x", x },
            { "axes", axes },
            { "epsilon", context.Scalar(context.Attributes.Float("epsilon", 1e-5f), x, "epsilon") },
        };
        if (foldScale && foldBias)
        {
            args.Add("gamma", scale);
            args.AddIfPresent("beta", bias);
            context.SetOutput(0, context.Op("layer_norm", args));
            return;
        }
        Value result = context.Op("layer_norm", args, $"{name}_normalized");
        result = context.Op("mul", new() { { "x", result }, { "y", scale } }, bias is null ? name : $"{name}_scaled");
        if (bias is not null)
        {
            result = context.Op("add", new() { { "x", result }, { "y", bias } });
        }
        context.SetOutput(0, result);
    }

    private static void ConvertWithStatistics(OnnxNodeContext context, Value x, int[] axes)
    {
        var name = context.OutputName();
        var epsilon = context.Scalar(context.Attributes.Float("epsilon", 1e-5f), x, "epsilon");
        var mean = context.Op("reduce_mean", new() { { "x", x }, { "axes", axes }, { "keep_dims", true } }, context.OutputName(1));
        var centered = context.Op("sub", new() { { "x", x }, { "y", mean } }, $"{name}_centered");
        var squares = context.Op("mul", new() { { "x", centered }, { "y", centered } }, $"{name}_squares");
        var variance = context.Op("reduce_mean", new() { { "x", squares }, { "axes", axes }, { "keep_dims", true } }, $"{name}_variance");
        var inverse = context.Op("rsqrt", new() { { "x", variance }, { "epsilon", epsilon } }, context.OutputName(2));
        var bias = context.OptionalInput(2);
        Value y = context.Op("mul", new() { { "x", centered }, { "y", inverse } }, $"{name}_normalized");
        y = context.Op("mul", new() { { "x", y }, { "y", context.Input(1) } }, bias is null ? name : $"{name}_scaled");
        if (bias is not null)
        {
            y = context.Op("add", new() { { "x", y }, { "y", bias } });
        }
        context.SetOutput(0, y);
        SetStatistic(context, 1, mean);
        SetStatistic(context, 2, inverse);
    }

    /// <summary>ONNX declares the statistics in the stash type (float32 by default): cast when x's type differs.</summary>
    private static void SetStatistic(OnnxNodeContext context, int index, Value value)
    {
        if (!context.HasOutput(index))
        {
            return;
        }
        var declared = context.DeclaredType(index) ?? value.DataType;
        context.SetOutput(index, declared == value.DataType ? value
            : context.Op("cast", new() { { "x", value }, { "dtype", declared.MilName() } }, $"{context.OutputName(index)}_cast"));
    }
}
