namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// RMSNormalization (opset 23) composed of MIL ops over the axes [axis, rank): y = x · rsqrt(mean(x²) + ε) · scale
/// (scale broadcasts). stash_type is accepted: the interpreter computes these ops in float32 anyway.
/// </summary>
[OnnxOp("RMSNormalization", 23)]
internal sealed class RmsNormalization : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var name = context.OutputName();
        var x = context.Input(0);
        var rank = x.Shape.Rank;
        var axis = ConverterHelpers.NormalizeAxis(context, context.Attributes.Int("axis", -1), rank);
        var axes = Enumerable.Range(axis, rank - axis).ToArray();
        var squares = context.Op("mul", new() { { "x", x }, { "y", x } }, $"{name}_squares");
        var meanSquare = context.Op("reduce_mean", new() { { "x", squares }, { "axes", axes }, { "keep_dims", true } }, $"{name}_mean_square");
        var epsilon = context.Scalar(context.Attributes.Float("epsilon", 1e-5f), x, "epsilon");
        var inverse = context.Op("rsqrt", new() { { "x", meanSquare }, { "epsilon", epsilon } }, $"{name}_inverse_rms");
        var normalized = context.Op("mul", new() { { "x", x }, { "y", inverse } }, $"{name}_normalized");
        context.SetOutput(0, context.Op("mul", new() { { "x", normalized }, { "y", context.Input(1) } }));
    }
}
