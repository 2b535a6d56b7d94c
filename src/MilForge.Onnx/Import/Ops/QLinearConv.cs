using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// QLinearConv (opset 10) by exact composition: the zero points are subtracted in int32, <c>conv</c> runs in fp32 on
/// the integer values (exact while every sum stays below 2^24), the int32 bias is added, and the sum is requantized as
/// y = saturate(round_half_even(acc · (x_scale · w_scale[c] / y_scale)) + y_zero_point), with the multiplier formed
/// in float as ONNX Runtime does. Scales are constant, per tensor or (weights) per output channel; y is int32-valued.
/// </summary>
[OnnxOp("QLinearConv", 10)]
internal sealed class QLinearConv : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var xScale = PerTensor(context, 1, "x_scale");
        var yScale = PerTensor(context, 6, "y_scale");
        var wScales = context.RequireConstant(4, "w_scale").AsFloats();
        var w = context.Input(3);
        var spatial = w.Shape.Rank - 2;
        if (spatial is < 1 or > 3 || !w.Shape.IsStatic)
        {
            throw context.Unsupported($"weights of shape {w.Shape} are not supported (static, 1–3 spatial dims)");
        }
        var channels = w.Shape.ToStatic()[0];
        if (wScales.Length != 1 && wScales.Length != channels)
        {
            throw context.Unsupported($"w_scale has {wScales.Length} values; expected 1 or {channels} (one per output channel)");
        }
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
        var multipliers = wScales.Select(s => xScale * s / yScale * AccumulatorScale).ToArray();
        var multiplier = multipliers.Length == 1 ? Tensor.Scalar(multipliers[0]) : Tensor.Create(multipliers, ChannelShape(channels, spatial));
        var scaled = context.Op("mul", new() { { "x", acc }, { "y", context.Const(multiplier, "multiplier") } }, $"{context.OutputName()}_real");
        var layout = new QuantizationMath.Layout(0, 0, true);
        context.SetOutput(0, QuantizationMath.QuantizeInFloat(context, scaled, context.Scalar(1, scaled, "unit"), context.Input(7), layout, range));
    }

    private const float AccumulatorScale = 256f;

    private static float PerTensor(OnnxNodeContext context, int index, string what) =>
        context.RequireConstant(index, what) is { Length: 1 } t ? t.AsFloats()[0] : throw context.Unsupported($"{what} must be a per-tensor (one-value) scale");

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
