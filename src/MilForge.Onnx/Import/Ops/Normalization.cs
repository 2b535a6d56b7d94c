using MilForge.Mil;

namespace MilForge.Onnx.Import.Ops;

/// <summary>Shared compositions of the normalization converters.</summary>
internal static class Normalization
{
    /// <summary>(x − mean) · rsqrt(mean((x − mean)²) + ε) over <paramref name="axes"/>.</summary>
    public static Value Standardize(OnnxNodeContext context, Value x, int[] axes, Value epsilon, string name)
    {
        var mean = context.Op("reduce_mean", new() { { "x", x }, { "axes", axes }, { "keep_dims", true } }, $"{name}_mean");
        var centered = context.Op("sub", new() { { "x", x }, { "y", mean } }, $"{name}_centered");
        var squares = context.Op("mul", new() { { "x", centered }, { "y", centered } }, $"{name}_squares");
        var variance = context.Op("reduce_mean", new() { { "x", squares }, { "axes", axes }, { "keep_dims", true } }, $"{name}_variance");
        var inverse = context.Op("rsqrt", new() { { "x", variance }, { "epsilon", epsilon } }, $"{name}_inverse_std");
        return context.Op("mul", new() { { "x", centered }, { "y", inverse } }, $"{name}_normalized");
    }
}
