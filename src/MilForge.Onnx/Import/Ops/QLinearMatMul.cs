using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// QLinearMatMul (opsets 10, 21) with per-tensor scales (constant or run-time) by composition: acc = (a - a_zero_point) · (b -
/// b_zero_point) in int32 (exact), then y = saturate(round_half_even(acc · (a_scale · b_scale / y_scale)) + y_zero_point)
/// with the multiplier formed in float as ONNX Runtime does; y is an integer-valued int32 tensor.
/// </summary>
[OnnxOp("QLinearMatMul", 10, 21)]
internal sealed class QLinearMatMul : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var output = context.DeclaredType(7) ?? DataType.UInt8;
        var range = output is DataType.Int8 or DataType.UInt8 ? QuantizationMath.Range(output)!.Value
            : throw context.Unsupported($"{output.MilName()} results are not supported (int8/uint8)");
        var a = Shift(context, context.Input(0), context.Input(2), "a");
        var b = Shift(context, context.Input(3), context.Input(5), "b");
        var acc = context.Op("matmul", new() { { "x", a }, { "y", b } }, $"{context.OutputName()}_acc");
        var accFloat = context.Op("cast", new() { { "x", acc }, { "dtype", "fp32" } }, $"{context.OutputName()}_acc_float");
        var scaled = context.Op("mul", new() { { "x", accFloat }, { "y", Multiplier(context) } }, $"{context.OutputName()}_real");
        var layout = new QuantizationMath.Layout(0, 0, true);
        context.SetOutput(0, QuantizationMath.QuantizeInFloat(context, scaled, context.Scalar(1, scaled, "unit"), context.Input(7), layout, range));
    }

    /// <summary>
    /// a_scale · b_scale / y_scale in fp32: folded at import when the scales are constants, else computed by the same
    /// float ops at run time (fp16 scales are widened to fp32 first, exactly).
    /// </summary>
    private static Mil.Value Multiplier(OnnxNodeContext context)
    {
        var scales = new[] { (1, "a_scale"), (4, "b_scale"), (6, "y_scale") }.Select(s => (Value: context.Input(s.Item1), Name: s.Item2)).ToList();
        foreach (var (value, name) in scales)
        {
            if (value.Shape.Rank > 1 || !value.Shape.IsStatic || value.Shape.ElementCount != 1)
            {
                throw context.Unsupported($"{name} must be a per-tensor (one-value) scale, got {value.Shape}");
            }
        }
        if (scales.All(s => s.Value.ConstantValue is not null))
        {
            var v = scales.Select(s => s.Value.ConstantValue!.AsFloats()[0]).ToArray();
            return context.Const(Tensor.Scalar(v[0] * v[1] / v[2]), "multiplier");
        }
        var f = scales.Select(s => ConverterHelpers.Reshape(context, ConverterHelpers.CastTo(context, s.Value, DataType.Float32, $"{s.Name}_float"), [], $"{context.OutputName()}_{s.Name}")).ToArray();
        var product = context.Op("mul", new() { { "x", f[0] }, { "y", f[1] } }, $"{context.OutputName()}_scale_product");
        return context.Op("real_div", new() { { "x", product }, { "y", f[2] } }, $"{context.OutputName()}_multiplier");
    }

    private static Mil.Value Shift(OnnxNodeContext context, Mil.Value value, Mil.Value zeroPoint, string what)
    {
        if (zeroPoint.Shape.Rank > 0 && zeroPoint.Shape.ElementCount != 1)
        {
            throw context.Unsupported($"the {what} zero point must be per-tensor");
        }
        var zp = ConverterHelpers.Reshape(context, zeroPoint, [], $"{context.OutputName()}_{what}_zero_point");
        return context.Op("sub", new() { { "x", value }, { "y", zp } }, $"{context.OutputName()}_{what}_shifted");
    }
}
