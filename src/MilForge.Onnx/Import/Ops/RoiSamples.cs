using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// The bilinear sample points of RoiAlign, computed by MIL ops kept in FP32 from run-time rois: per roi, flat indices
/// into its H·W image and weights of the four corners of every sample, each [R, 1, Sy·Sx] with Sy = output_height·gh
/// and Sx = output_width·gw (bins outer, samples inner). Like ONNX Runtime, a sample outside [−1, H] × [−1, W] weighs 0,
/// coordinates below 0 clamp to 0 and beyond the last row or column interpolate nothing.
/// </summary>
internal sealed class RoiSamples
{
    private RoiSamples(List<(string Corner, Value Position, Value Weight)> corners) => Corners = corners;

    /// <summary>(corner name, flat int32 positions, fp32 weights) of the four corners.</summary>
    public IReadOnlyList<(string Corner, Value Position, Value Weight)> Corners { get; }

    /// <summary>The image and pooling geometry.</summary>
    public sealed record Geometry(int Height, int Width, int OutputHeight, int OutputWidth, float SpatialScale, bool HalfPixel);

    /// <summary>sampling_ratio 0: ceil(roi size / output size) per axis, which needs constant rois giving one grid.</summary>
    public static (int GridH, int GridW) AdaptiveGrid(OnnxNodeContext context, Geometry g)
    {
        var rois = context.ConstantInput(1)
            ?? throw context.Error(Diagnostics.DiagnosticCodes.OnnxNotConstant, "sampling_ratio 0 (adaptive) needs constant rois: the sample grid depends on each roi's size");
        var values = rois.AsDoubles();
        var grids = new HashSet<(int, int)>();
        for (var r = 0; r + 3 < values.Length; r += 4)
        {
            var (width, height) = (((float)values[r + 2] - (float)values[r]) * g.SpatialScale, ((float)values[r + 3] - (float)values[r + 1]) * g.SpatialScale);
            if (!g.HalfPixel)
            {
                (width, height) = (MathF.Max(width, 1), MathF.Max(height, 1));
            }
            grids.Add(((int)MathF.Ceiling(height / g.OutputHeight), (int)MathF.Ceiling(width / g.OutputWidth)));
        }
        if (grids.Count != 1 || grids.First() is not ( > 0, > 0))
        {
            throw context.Unsupported($"sampling_ratio 0 gives the rois sample grids [{string.Join(", ", grids)}]; one grid of at least 1×1 is supported");
        }
        return grids.First();
    }

    /// <summary>Builds the sample positions and weights for <paramref name="rois"/> [R, 4].</summary>
    public static RoiSamples Build(OnnxNodeContext context, Value rois, Geometry g, int gridH, int gridW)
    {
        var name = context.OutputName();
        Value Op(string type, Mil.Building.OpArgs args, string suffix) => context.OpInFp32(type, args, $"{name}_{suffix}");
        Value Const(Tensor t, string suffix) => context.Const(t, suffix);
        var boxes = ConverterHelpers.CastTo(context, rois, DataType.Float32, "rois_fp32");
        var scaled = Op("mul", new() { { "x", boxes }, { "y", Const(Tensor.Scalar(g.SpatialScale), "spatial_scale") } }, "scaled_rois");
        if (g.HalfPixel)
        {
            scaled = Op("sub", new() { { "x", scaled }, { "y", Const(Tensor.Scalar(0.5f), "half_pixel") } }, "shifted_rois");
        }
        Value Column(int c, string suffix) => Op("slice_by_index", new()
        {
            { "x", scaled }, { "begin", new[] { 0, c } }, { "end", new[] { 0, c + 1 } }, { "begin_mask", new[] { true, false } }, { "end_mask", new[] { true, false } },
        }, suffix);
        var y = Axis(context, Op, Const, Column(1, "y1"), Column(3, "y2"), g.Height, g.OutputHeight, gridH, g.HalfPixel, "y");
        var x = Axis(context, Op, Const, Column(0, "x1"), Column(2, "x2"), g.Width, g.OutputWidth, gridW, g.HalfPixel, "x");
        var samples = g.OutputHeight * gridH * g.OutputWidth * gridW;
        var corners = new List<(string, Value, Value)>();
        foreach (var (yName, yIndex, yWeight) in y)
        {
            foreach (var (xName, xIndex, xWeight) in x)
            {
                var corner = yName + xName;
                // [R, Sy, 1] and [R, 1, Sx] broadcast to [R, Sy, Sx], flattened to [R, 1, Sy·Sx].
                var rowStart = context.Op("mul", new() { { "x", Expand(context, yIndex, 2, $"{corner}_rows") }, { "y", g.Width } }, $"{name}_{corner}_row_start");
                var position = context.Op("add", new() { { "x", rowStart }, { "y", Expand(context, xIndex, 1, $"{corner}_columns") } }, $"{name}_{corner}_position");
                var weight = Op("mul", new() { { "x", Expand(context, yWeight, 2, $"{corner}_row_weights") }, { "y", Expand(context, xWeight, 1, $"{corner}_column_weights") } }, $"{corner}_weight_grid");
                corners.Add((corner, Flatten(context, position, samples, $"{corner}_flat_position"), Flatten(context, weight, samples, $"{corner}_flat_weight")));
            }
        }
        return new RoiSamples(corners);
    }

    /// <summary>
    /// One axis: sample coordinates [R, S] = start + bin·(p + (i + ½)/grid), then the low and high neighbour indices
    /// (int32) and their weights, zero outside [−1, size].
    /// </summary>
    private static (string, Value, Value)[] Axis(OnnxNodeContext context, Func<string, Mil.Building.OpArgs, string, Value> op, Func<Tensor, string, Value> constant,
        Value start, Value end, int size, int bins, int grid, bool halfPixel, string axis)
    {
        var extent = op("sub", new() { { "x", end }, { "y", start } }, $"{axis}_extent");
        if (!halfPixel)
        {
            extent = op("maximum", new() { { "x", extent }, { "y", constant(Tensor.Scalar(1f), $"{axis}_min_extent") } }, $"{axis}_forced_extent");
        }
        var bin = op("real_div", new() { { "x", extent }, { "y", constant(Tensor.Scalar((float)bins), $"{axis}_bins") } }, $"{axis}_bin");
        var offsets = new float[bins * grid];
        for (var p = 0; p < bins; p++)
        {
            for (var i = 0; i < grid; i++)
            {
                offsets[(p * grid) + i] = p + ((i + 0.5f) / grid);
            }
        }
        var scaledOffsets = op("mul", new() { { "x", bin }, { "y", constant(Tensor.Create(offsets, 1, offsets.Length), $"{axis}_offsets") } }, $"{axis}_offsets_scaled");
        var t = op("add", new() { { "x", start }, { "y", scaledOffsets } }, $"{axis}_samples");
        var inside = op("logical_and", new()
        {
            { "x", op("greater_equal", new() { { "x", t }, { "y", constant(Tensor.Scalar(-1f), $"{axis}_lowest") } }, $"{axis}_above") },
            { "y", op("less_equal", new() { { "x", t }, { "y", constant(Tensor.Scalar((float)size), $"{axis}_size") } }, $"{axis}_below") },
        }, $"{axis}_inside");
        var valid = op("cast", new() { { "x", inside }, { "dtype", "fp32" } }, $"{axis}_valid");
        var clamped = op("maximum", new() { { "x", t }, { "y", constant(Tensor.Scalar(0f), $"{axis}_zero") } }, $"{axis}_clamped");
        var floor = op("floor", new() { { "x", clamped } }, $"{axis}_floor");
        var last = constant(Tensor.Scalar(size - 1f), $"{axis}_last");
        var atEnd = op("greater_equal", new() { { "x", floor }, { "y", last } }, $"{axis}_at_end");
        var low = op("minimum", new() { { "x", floor }, { "y", last } }, $"{axis}_low_f");
        var high = op("minimum", new() { { "x", op("add", new() { { "x", floor }, { "y", constant(Tensor.Scalar(1f), $"{axis}_one") } }, $"{axis}_next") }, { "y", last } }, $"{axis}_high_f");
        var fraction = op("select", new()
        {
            { "cond", atEnd }, { "a", constant(Tensor.Scalar(0f), $"{axis}_no_fraction") },
            { "b", op("sub", new() { { "x", clamped }, { "y", floor } }, $"{axis}_raw_fraction") },
        }, $"{axis}_fraction");
        var highWeight = op("mul", new() { { "x", fraction }, { "y", valid } }, $"{axis}_high_weight");
        var lowWeight = op("sub", new() { { "x", valid }, { "y", highWeight } }, $"{axis}_low_weight");
        Value ToInt(Value v, string suffix) => op("cast", new() { { "x", v }, { "dtype", "int32" } }, suffix);
        return [($"{axis}0", ToInt(low, $"{axis}_low"), lowWeight), ($"{axis}1", ToInt(high, $"{axis}_high"), highWeight)];
    }

    private static Value Expand(OnnxNodeContext context, Value v, int axis, string suffix) =>
        context.Op("expand_dims", new() { { "x", v }, { "axes", new[] { axis } } }, $"{context.OutputName()}_{suffix}");

    private static Value Flatten(OnnxNodeContext context, Value v, int samples, string suffix) =>
        context.Op("reshape", new() { { "x", v }, { "shape", new[] { -1, 1, samples } } }, $"{context.OutputName()}_{suffix}");
}
