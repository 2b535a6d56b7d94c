using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// DequantizeLinear: y = (x - x_zero_point) * x_scale, per-tensor, per-axis or (opset 21) blocked.
/// Constant data becomes a compressed weight: <c>constexpr_affine_dequantize</c> from iOS16 (int8/uint8, per-tensor or
/// per-axis), <c>constexpr_blockwise_shift_scale</c> from iOS18 (int4/uint4/int8/uint8, blocks that divide the axis);
/// otherwise (iOS15, other types, float8e4m3fn/float8e5m2 data) a float constant. Run-time data from a QuantizeLinear that became MIL
/// <c>quantize</c> (iOS17+) becomes MIL <c>dequantize</c>; any other run-time data is dequantized in float (float8 data
/// arrives as fp32 holding the float8 values, as MilForge reads float8 tensors; its zero point is 0 by ONNX's rule).
/// </summary>
[OnnxOp("DequantizeLinear", 10, 13, 19, 21, 23)]
internal sealed class DequantizeLinear : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var scale = context.Input(1);
        var zeroPoint = context.OptionalInput(2);
        var source = context.DeclaredType(0) ?? (zeroPoint is not null ? context.DeclaredType(2) : null) ?? DataType.UInt8;
        if (QuantizationMath.Range(source) is null && source is not (DataType.Float8E4M3FN or DataType.Float8E5M2))
        {
            throw context.Unsupported($"{source.MilName()} data is not supported (int4/uint4/int8/uint8/int16/uint16/int32, float8e4m3fn/float8e5m2)");
        }
        if (!scale.DataType.IsFloat())
        {
            throw context.Unsupported($"x_scale must be a float tensor, got {scale.DataType.MilName()}");
        }
        var layout = QuantizationMath.ReadLayout(context, x, scale);
        var target = context.Builder.Function.Target;
        if (x.ConstantValue is { } data && scale.ConstantValue is { } s && (zeroPoint is null || zeroPoint.IsConstant))
        {
            var zp = zeroPoint?.ConstantValue;
            QuantizationMath.CheckBlocks(context, s, data.ShapeArray(), layout);
            if (zp is not null)
            {
                QuantizationMath.CheckBlocks(context, zp, data.ShapeArray(), layout);
            }
            context.SetOutput(0, Constant(context, data, s, zp, layout, source, target));
            return;
        }
        if (target >= DeploymentTarget.iOS17 && !layout.Blocked && QuantizedSource(x) is { } quantized
            && scale.ConstantValue is { } constantScale && (zeroPoint is null || zeroPoint.IsConstant))
        {
            var args = new Mil.Building.OpArgs
            {
                { "input", quantized },
                { "scale", layout.PerTensor ? constantScale.Reshape([]) : constantScale },
            };
            if (zeroPoint?.ConstantValue is { } zpValue)
            {
                args.Add("zero_point", (layout.PerTensor ? zpValue.Reshape([]) : zpValue).CastTo(quantized.DataType));
            }
            if (!layout.PerTensor)
            {
                args.Add("axis", layout.Axis);
            }
            context.SetOutput(0, context.Op("dequantize", args));
            return;
        }
        context.SetOutput(0, QuantizationMath.DequantizeInFloat(context, x, scale, zeroPoint, layout));
    }

    /// <summary>The int8/uint8 value behind an int32 cast (how QuantizeLinear's MIL <c>quantize</c> result is passed on), or null.</summary>
    private static Value? QuantizedSource(Value x) =>
        x.Producer is { Type: "cast" } cast && cast.Input("x") is { DataType: DataType.Int8 or DataType.UInt8 } source ? source : null;

    private static Value Constant(OnnxNodeContext context, Tensor data, Tensor scale, Tensor? zeroPoint, QuantizationMath.Layout layout,
        DataType source, DeploymentTarget target)
    {
        var shape = data.ShapeArray();
        var zeroPointFitsType = zeroPoint is null || zeroPoint.DataType.IsInteger();
        if (target >= DeploymentTarget.iOS16 && !layout.Blocked && source is DataType.Int8 or DataType.UInt8 && data.Rank > 0 && zeroPointFitsType)
        {
            return context.Op("constexpr_affine_dequantize", new()
            {
                { "quantized_data", data.CastTo(source) },
                { "zero_point", zeroPoint is null ? Tensor.Zeros(source, []) : (layout.PerTensor ? zeroPoint.Reshape([]) : zeroPoint).CastTo(source) },
                { "scale", layout.PerTensor ? scale.Reshape([]) : scale },
                { "axis", layout.Axis },
            });
        }
        if (target >= DeploymentTarget.iOS18 && layout.Blocked && source is DataType.Int4 or DataType.UInt4 or DataType.Int8 or DataType.UInt8
            && shape[layout.Axis] % layout.Block == 0 && zeroPointFitsType)
        {
            var args = new Mil.Building.OpArgs { { "data", data.CastTo(source) }, { "scale", scale } };
            if (zeroPoint is not null)
            {
                args.Add("offset", zeroPoint.CastTo(source));
            }
            return context.Op("constexpr_blockwise_shift_scale", args);
        }
        var s = QuantizationMath.Expand(scale, shape, layout);
        var z = zeroPoint is null ? null : QuantizationMath.Expand(zeroPoint, shape, layout);
        var values = data.AsFloats();
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = (values[i] - (z?[i] ?? 0f)) * s[i];
        }
        return context.Builder.Const(Tensor.FromFloats(result, shape, scale.DataType), context.OutputName());
    }
}
