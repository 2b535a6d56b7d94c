using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// QLinearConv (opset 10) by exact composition: the zero points are subtracted in int32, <c>conv</c> runs in fp32 on
/// the integer values (exact while every sum stays below 2^24), the int32 bias is added, and the sum is requantized as
/// y = saturate(round_half_even(acc · (x_scale · w_scale[c] / y_scale)) + y_zero_point), with the multiplier formed
/// in float as ONNX Runtime does. Scales are per tensor or (weights) per output channel, constant or computed at run time; y is int32-valued.
/// </summary>
[OnnxOp("QLinearConv", 10)]
internal sealed class QLinearConv : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var w = context.Input(3);
        var spatial = w.Shape.Rank - 2;
        if (spatial is < 1 or > 3 || !w.Shape.IsStatic)
        {
            throw context.Unsupported($"weights of shape {w.Shape} are not supported (static, 1–3 spatial dims)");
        }
        var channels = w.Shape.ToStatic()[0];
        var output = context.DeclaredType(7) ?? DataType.UInt8;
        var range = output is DataType.Int8 or DataType.UInt8 ? QuantizationMath.Range(output)!.Value
            : throw context.Unsupported($"{output.MilName()} results are not supported (int8/uint8)");

        // x - x_zero_point is scaled by 2^-8 (exact in fp32 and fp16) so the accumulators, up to ~2^20 for uint8/int8 data,
        // stay within binary16's range when the FP16 pass converts the conv; the multiplier carries the 2^8 back, which
        // leaves the FP32 result bit-identical.
        var x = ToFloat(context, Shifted(context, context.Input(0), context.Input(2), spatial, "x"), "x");
        x = context.Op("mul", new() { { "x", x }, { "y", context.Scalar(1f / AccumulatorScale, x, "x_prescale") } }, $"{context.OutputName()}_x_prescaled");
        var wf = ToFloat(context, Shifted(context, w, context.Input(5), spatial, "w"), "w");
        var window = WindowAttributes.Read(context, spatial);
        var acc = context.Op("conv", new()
        {
            { "x", x }, { "weight", wf }, { "strides", window.Strides }, { "pad_type", window.PadType }, { "pad", window.Pad },
            { "dilations", window.Dilations }, { "groups", checked((int)context.Attributes.Int("group", 1)) },
        }, $"{context.OutputName()}_acc");
        if (context.OptionalInput(8) is { } bias)
        {
            var bf = ToFloat(context, bias, "bias");
            bf = context.Op("mul", new() { { "x", bf }, { "y", context.Scalar(1f / AccumulatorScale, bf, "bias_prescale") } }, $"{context.OutputName()}_bias_prescaled");
            var b = context.Op("reshape", new() { { "x", bf }, { "shape", ChannelShape(-1, spatial) } }, $"{context.OutputName()}_bias");
            acc = context.Op("add", new() { { "x", acc }, { "y", b } }, $"{context.OutputName()}_acc_biased");
        }
        var scaled = context.Op("mul", new() { { "x", acc }, { "y", Multiplier(context, channels, spatial) } }, $"{context.OutputName()}_real");
        var layout = new QuantizationMath.Layout(0, 0, true);
        context.SetOutput(0, QuantizationMath.QuantizeInFloat(context, scaled, context.Scalar(1, scaled, "unit"), context.Input(7), layout, range));
    }

    private const float AccumulatorScale = 256f;

    /// <summary>
    /// x_scale · w_scale[c] / y_scale · 2^8 in float: folded at import when the scales are constants, else computed by
    /// the same float ops at run time (w_scale reshaped to one value per output channel).
    /// </summary>
    private static Value Multiplier(OnnxNodeContext context, int channels, int spatial)
    {
        var (xScale, wScale, yScale) = (context.Input(1), context.Input(4), context.Input(6));
        CheckScale(context, xScale, 1, "x_scale");
        CheckScale(context, yScale, 1, "y_scale");
        CheckScale(context, wScale, channels, "w_scale");
        var perChannel = wScale.Shape.ElementCount != 1;
        if (xScale.ConstantValue is { } xs && wScale.ConstantValue is { } ws && yScale.ConstantValue is { } ys)
        {
            var multipliers = ws.AsFloats().Select(s => xs.AsFloats()[0] * s / ys.AsFloats()[0] * AccumulatorScale).ToArray();
            return context.Const(perChannel ? Tensor.Create(multipliers, ChannelShape(channels, spatial)) : Tensor.Scalar(multipliers[0]), "multiplier");
        }
        var x = ConverterHelpers.Reshape(context, xScale, [], $"{context.OutputName()}_x_scale");
        var y = ConverterHelpers.Reshape(context, yScale, [], $"{context.OutputName()}_y_scale");
        var wv = perChannel
            ? context.Op("reshape", new() { { "x", wScale }, { "shape", ChannelShape(-1, spatial) } }, $"{context.OutputName()}_w_scale")
            : ConverterHelpers.Reshape(context, wScale, [], $"{context.OutputName()}_w_scale");
        var product = context.Op("mul", new() { { "x", x }, { "y", wv } }, $"{context.OutputName()}_scale_product");
        var ratio = context.Op("real_div", new() { { "x", product }, { "y", y } }, $"{context.OutputName()}_scale_ratio");
        return context.Op("mul", new() { { "x", ratio }, { "y", context.Scalar(AccumulatorScale, ratio, "accumulator_scale") } }, $"{context.OutputName()}_multiplier");
    }

    private static void CheckScale(OnnxNodeContext context, Value scale, int allowed, string what)
    {
        if (scale.Shape.Rank > 1 || !scale.Shape.IsStatic || (scale.Shape.ElementCount != 1 && scale.Shape.ElementCount != allowed))
        {
            throw context.Unsupported($"{what} of shape {scale.Shape} is not supported (one value{(allowed > 1 ? $" or {allowed}, one per output channel" : "")})");
        }
    }

    private static int[] ChannelShape(int channels, int spatial) => [1, channels, .. Enumerable.Repeat(1, spatial)];

    private static Value ToFloat(OnnxNodeContext context, Value value, string what) =>
        context.Op("cast", new() { { "x", value }, { "dtype", "fp32" } }, $"{context.OutputName()}_{what}_float");

    /// <summary>value − zero_point in int32; a weight zero point may hold one value per output channel ([M] → [M, 1, ...]).</summary>
    private static Value Shifted(OnnxNodeContext context, Value value, Value zeroPoint, int spatial, string what)
    {
        if (zeroPoint.Shape.Rank > 1)
        {
            throw context.Unsupported($"the {what} zero point must be a scalar or a vector, got {zeroPoint.Shape}");
        }
        var vector = zeroPoint.Shape.Rank == 1 && !(zeroPoint.Shape[0] is { IsKnown: true, Size: 1 });
        if (vector && what != "w")
        {
            throw context.Unsupported($"the {what} zero point must be per-tensor");
        }
        var zp = vector
            ? context.Op("reshape", new() { { "x", zeroPoint }, { "shape", new[] { -1 }.Concat(Enumerable.Repeat(1, spatial + 1)).ToArray() } }, $"{context.OutputName()}_{what}_zero_point")
            : ConverterHelpers.Reshape(context, zeroPoint, [], $"{context.OutputName()}_{what}_zero_point");
        return context.Op("sub", new() { { "x", value }, { "y", zp } }, $"{context.OutputName()}_{what}_shifted");
    }
}
