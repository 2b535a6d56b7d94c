namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// MeanVarianceNormalization (9, 13) composed of MIL ops over axes (default [0, 2, 3]):
/// (x − mean) / (sqrt(mean((x − mean)²)) + 1e-9), the ONNX function's epsilon.
/// </summary>
[OnnxOp("MeanVarianceNormalization", 9, 13)]
internal sealed class MeanVarianceNormalization : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var name = context.OutputName();
        var x = context.Input(0);
        var rank = x.Shape.Rank;
        var axes = (context.Attributes.Ints("axes") ?? [0, 2, 3]).Select(a => ConverterHelpers.NormalizeAxis(context, a, rank)).ToArray();
        var mean = context.Op("reduce_mean", new() { { "x", x }, { "axes", axes }, { "keep_dims", true } }, $"{name}_mean");
        var centered = context.Op("sub", new() { { "x", x }, { "y", mean } }, $"{name}_centered");
        var squares = context.Op("mul", new() { { "x", centered }, { "y", centered } }, $"{name}_squares");
        var variance = context.Op("reduce_mean", new() { { "x", squares }, { "axes", axes }, { "keep_dims", true } }, $"{name}_variance");
        var deviation = context.Op("sqrt", new() { { "x", variance } }, $"{name}_std");
        var guarded = context.Op("add", new() { { "x", deviation }, { "y", context.Scalar(1e-9, x, "epsilon") } }, $"{name}_std_eps");
        context.SetOutput(0, context.Op("real_div", new() { { "x", centered }, { "y", guarded } }));
    }
}
