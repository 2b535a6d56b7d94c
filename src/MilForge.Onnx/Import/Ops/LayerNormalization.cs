using MilForge.Mil;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// LayerNormalization (opset 17) → MIL <c>layer_norm</c> over axes [axis, rank). Scale and B fold into the op when they
/// are constants of exactly the normalized shape; otherwise they are applied with mul/add (ONNX lets them broadcast).
/// The Mean and InvStdDev outputs are not supported.
/// </summary>
[OnnxOp("LayerNormalization", 17)]
internal sealed class LayerNormalization : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        if (context.HasOutput(1) || context.HasOutput(2))
        {
            throw context.Unsupported("the Mean and InvStdDev outputs are not supported");
        }
        var x = context.Input(0);
        var rank = x.Shape.Rank;
        var axis = ConverterHelpers.NormalizeAxis(context, context.Attributes.Int("axis", -1), rank);
        var axes = Enumerable.Range(axis, rank - axis).ToArray();
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
}
