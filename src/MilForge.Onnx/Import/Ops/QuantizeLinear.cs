using MilForge.Mil;
using MilForge.Numerics;
using MilForge.Onnx.Reading;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// QuantizeLinear: y = saturate(round_half_even(x / y_scale) + y_zero_point) to the zero point's type (or
/// output_dtype, opset 21; uint8 by default), per-tensor, per-axis or (opset 21) blocked. Constant inputs fold. At iOS17+
/// int8/uint8 with constant parameters becomes MIL <c>quantize</c> (its result is passed on as int32, the MIL type of
/// ONNX integers, and a following DequantizeLinear reads the int8 value directly); otherwise the exact float form
/// (real_div, round, add, clip, cast to int32). The result is always an exact integer-valued int32 tensor.
/// </summary>
[OnnxOp("QuantizeLinear", 10, 13, 19, 21, 23)]
internal sealed class QuantizeLinear : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var scale = context.Input(1);
        var zeroPoint = context.OptionalInput(2);
        var output = OutputType(context, zeroPoint);
        var range = QuantizationMath.Range(output) is { } r && output != DataType.Int32 ? r
            : throw context.Unsupported(output is DataType.Float8E4M3FN or DataType.Float8E5M2 or DataType.BFloat16
                ? $"quantizing to {output.MilName()} is not supported: the Core ML runtime has no {output.MilName()} tensors (its values are fp16, fp32, "
                    + "int32 and bool, and 8/16-bit integers from iOS17), and the rounding and saturation to it cannot be reproduced in that arithmetic; "
                    + "quantize to int8/uint8 (or keep float16/float32) before export"
                : $"quantizing to {output.MilName()} is not supported (int4/uint4/int8/uint8/int16/uint16)");
        if (!x.DataType.IsFloat() || !scale.DataType.IsFloat())
        {
            throw context.Unsupported("x and y_scale must be float tensors");
        }
        var layout = QuantizationMath.ReadLayout(context, x, scale);
        if (x.ConstantValue is { } data && scale.ConstantValue is { } s && (zeroPoint is null || zeroPoint.IsConstant))
        {
            var shape = data.ShapeArray();
            QuantizationMath.CheckBlocks(context, s, shape, layout);
            var scales = QuantizationMath.Expand(s, shape, layout);
            var zeros = zeroPoint?.ConstantValue is { } zp ? QuantizationMath.Expand(zp, shape, layout) : null;
            var values = data.AsFloats();
            var result = new long[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                result[i] = (long)QuantizationMath.QuantizeOne(values[i], scales[i], zeros?[i] ?? 0f, range);
            }
            context.SetOutput(0, context.Builder.Const(Tensor.FromLongs(result, shape, DataType.Int32), context.OutputName()));
            return;
        }
        if (context.Builder.Function.Target >= DeploymentTarget.iOS17 && output is DataType.Int8 or DataType.UInt8 && !layout.Blocked
            && scale.ConstantValue is { } constantScale && (zeroPoint is null || zeroPoint.IsConstant) && x.Shape.Rank > 0)
        {
            var args = new Mil.Building.OpArgs { { "input", x } };
            if (zeroPoint?.ConstantValue is { } zpValue)
            {
                args.Add("zero_point", (layout.PerTensor ? zpValue.Reshape([]) : zpValue).CastTo(output));
            }
            args.Add("scale", (layout.PerTensor ? constantScale.Reshape([]) : constantScale).CastTo(x.DataType));
            if (!layout.PerTensor)
            {
                args.Add("axis", layout.Axis);
            }
            args.Add("output_dtype", output.MilName());
            var quantized = context.Op("quantize", args, $"{context.OutputName()}_{output.MilName()}");
            context.SetOutput(0, context.Op("cast", new() { { "x", quantized }, { "dtype", "int32" } }));
            return;
        }
        context.SetOutput(0, QuantizationMath.QuantizeInFloat(context, x, scale, zeroPoint, layout, range));
    }

    /// <summary>The ONNX output type: the zero point's, else output_dtype (opset 21), else uint8.</summary>
    private static DataType OutputType(OnnxNodeContext context, Value? zeroPoint)
    {
        if (zeroPoint is not null && context.DeclaredType(2) is { } declared)
        {
            return declared;
        }
        var code = context.Since >= 21 ? (int)context.Attributes.Int("output_dtype", 0) : 0;
        return code == 0 ? DataType.UInt8
            : OnnxDataTypes.ToDataType(code) ?? throw context.Unsupported($"output_dtype {OnnxDataTypes.Name(code)} is not supported");
    }
}
