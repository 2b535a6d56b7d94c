using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// RoiAlign (10, 16) composed of MIL ops, as ONNX Runtime computes it: per roi (x1, y1, x2, y2)·spatial_scale, shifted
/// by −0.5 for half_pixel (opset 16's default; opset 10 and output_half_pixel instead force sizes of at least 1), each of
/// the output_height × output_width bins holds gh × gw bilinear samples (<see cref="RoiSamples"/> computes their
/// indices and weights in FP32 from the run-time rois); <c>gather_along_axis</c> reads the four corners of every sample
/// from the roi's image, and mode avg averages the weighted sums while mode max takes the largest weighted corner.
/// sampling_ratio 0 (adaptive) needs constant rois that all give the same grid. X needs static C, H, W.
/// </summary>
[OnnxOp("RoiAlign", 10, 16)]
internal sealed class RoiAlign : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var name = context.OutputName();
        var x = context.Input(0);
        if (!x.DataType.IsFloatType() || x.Shape.Rank != 4)
        {
            throw context.Unsupported($"X must be a float [N, C, H, W] tensor, got {x.DataType.MilName()}{x.Shape}");
        }
        var (channels, height, width) = (StaticDim(context, x, 1), StaticDim(context, x, 2), StaticDim(context, x, 3));
        var rois = context.Input(1);
        if (rois.Shape.Rank != 2 || (rois.Shape[1].IsKnown && rois.Shape[1].Size != 4))
        {
            throw context.Unsupported($"rois must be [num_rois, 4], got {rois.Shape}");
        }
        var a = context.Attributes;
        var mode = a.String("mode", "avg");
        if (mode is not ("avg" or "max"))
        {
            throw context.Unsupported($"mode '{mode}' is unknown");
        }
        var transform = context.Since >= 16 ? a.String("coordinate_transformation_mode", "half_pixel") : "output_half_pixel";
        if (transform is not ("half_pixel" or "output_half_pixel"))
        {
            throw context.Unsupported($"coordinate_transformation_mode '{transform}' is unknown");
        }
        var outputHeight = checked((int)a.Int("output_height", 1));
        var outputWidth = checked((int)a.Int("output_width", 1));
        var samplingRatio = a.Int("sampling_ratio", 0);
        var spatialScale = a.Float("spatial_scale", 1f);
        if (outputHeight < 1 || outputWidth < 1 || samplingRatio < 0)
        {
            throw context.Unsupported($"output_height {outputHeight}, output_width {outputWidth} must be positive and sampling_ratio {samplingRatio} not negative");
        }
        var geometry = new RoiSamples.Geometry(height, width, outputHeight, outputWidth, spatialScale, transform == "half_pixel");
        var (gridH, gridW) = samplingRatio > 0 ? ((int)samplingRatio, (int)samplingRatio) : RoiSamples.AdaptiveGrid(context, geometry);
        var samples = RoiSamples.Build(context, rois, geometry, gridH, gridW);

        var indices = ConverterHelpers.CastTo(context, context.Input(2), DataType.Int32, "batch_indices");
        var images = context.Op("gather", new() { { "x", x }, { "indices", indices }, { "axis", 0 } }, $"{name}_images");
        var flat = context.Op("reshape", new() { { "x", images }, { "shape", new[] { -1, channels, height * width } } }, $"{name}_flat_images");
        Value? combined = null;
        foreach (var (corner, position, weight) in samples.Corners)
        {
            var tiled = context.Op("tile", new() { { "x", position }, { "reps", new[] { 1, channels, 1 } } }, $"{name}_{corner}_indices");
            var values = context.Op("gather_along_axis", new() { { "x", flat }, { "indices", tiled }, { "axis", 2 } }, $"{name}_{corner}_values");
            var weighted = context.Op("mul", new() { { "x", values }, { "y", ConverterHelpers.CastTo(context, weight, x.DataType, $"{corner}_weight_cast") } }, $"{name}_{corner}_weighted");
            combined = combined is null ? weighted
                : context.Op(mode == "avg" ? "add" : "maximum", new() { { "x", combined }, { "y", weighted } }, $"{name}_{corner}_combined");
        }
        var bins = context.Op("reshape", new() { { "x", combined! }, { "shape", new[] { -1, outputHeight, gridH, outputWidth, gridW } } }, $"{name}_bins");
        var pooled = context.Op(mode == "avg" ? "reduce_mean" : "reduce_max", new() { { "x", bins }, { "axes", new[] { 2, 4 } }, { "keep_dims", false } }, $"{name}_pooled");
        context.SetOutput(0, context.Op("reshape", new() { { "x", pooled }, { "shape", new[] { -1, channels, outputHeight, outputWidth } } }));
    }

    private static int StaticDim(OnnxNodeContext context, Value x, int axis) => x.Shape[axis].IsKnown
        ? checked((int)x.Shape[axis].Size)
        : throw context.Unsupported($"RoiAlign needs static C, H and W of X, which is {x.Shape}");
}
