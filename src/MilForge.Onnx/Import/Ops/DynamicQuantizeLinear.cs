using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// DynamicQuantizeLinear (opset 11) by composition: scale = (max(0, max x) - min(0, min x)) / 255, zero point =
/// clip(round(-min / scale), 0, 255), y = clip(round(x / scale) + zero point, 0, 255), rounding half to even. The uint8
/// outputs y and zero point are exact integer-valued int32 tensors (MIL has no uint8 arithmetic below iOS17).
/// </summary>
[OnnxOp("DynamicQuantizeLinear", 11)]
internal sealed class DynamicQuantizeLinear : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        if (x.DataType != DataType.Float32)
        {
            throw context.Unsupported($"x must be float, got {x.DataType.MilName()}");
        }
        var name = context.OutputName();
        var zero = context.Scalar(0, x, "zero");
        var low = context.Op("minimum", new() { { "x", context.Op("reduce_min", new() { { "x", x } }, $"{name}_min") }, { "y", zero } }, $"{name}_low");
        var high = context.Op("maximum", new() { { "x", context.Op("reduce_max", new() { { "x", x } }, $"{name}_max") }, { "y", zero } }, $"{name}_high");
        var range = context.Op("sub", new() { { "x", high }, { "y", low } }, $"{name}_range");
        var scale = context.Op("real_div", new() { { "x", range }, { "y", context.Scalar(255, x, "qmax") } }, context.OutputName(1));
        var negated = context.Op("sub", new() { { "x", zero }, { "y", low } }, $"{name}_negated_min");
        var zeroPoint = Clip255(context, context.Op("round", new() { { "x", context.Op("real_div", new() { { "x", negated }, { "y", scale } }, $"{name}_zp_scaled") } }, $"{name}_zp_rounded"), $"{name}_zp_clipped");
        var q = context.Op("round", new() { { "x", context.Op("real_div", new() { { "x", x }, { "y", scale } }, $"{name}_scaled") } }, $"{name}_rounded");
        var y = Clip255(context, context.Op("add", new() { { "x", q }, { "y", zeroPoint } }, $"{name}_shifted"), $"{name}_clipped");
        context.SetOutput(0, context.Op("cast", new() { { "x", y }, { "dtype", "int32" } }, name));
        context.SetOutput(1, scale);
        if (context.HasOutput(2))
        {
            context.SetOutput(2, context.Op("cast", new() { { "x", zeroPoint }, { "dtype", "int32" } }, context.OutputName(2)));
        }
    }

    private static Value Clip255(OnnxNodeContext context, Value v, string name) =>
        context.Op("clip", new() { { "x", v }, { "alpha", context.Scalar(0, v, "clip_low") }, { "beta", context.Scalar(255, v, "clip_high") } }, name);
}
