using MilForge.Mil;
using MilForge.Numerics;
using MilForge.Onnx.Reading;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Cast → MIL <c>cast</c> to the MIL counterpart of the target type (64-bit and narrow ints → int32, double → fp32).
/// A cast to the type the value already has is dropped. A cast to int8/uint8/int16/uint16 keeps ONNX's wrap-around
/// (out-of-range integers keep their low bits) with a floor modulo, as the value lives in int32.
/// </summary>
[OnnxOp("Cast", 1, 6, 9, 13, 19, 21)]
[OnnxOp("CastLike", 15, 19, 21)]
internal sealed class Cast : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        DataType target;
        var bits = 0;
        if (context.OpType == "CastLike")
        {
            if (context.DeclaredType(1) is { } like && (like is DataType.BFloat16 or DataType.Float8E4M3FN or DataType.Float8E5M2 || like.IsSubByte()))
            {
                throw context.Unsupported(NoSuchTensorType(like));
            }
            target = context.Input(1).DataType;
        }
        else
        {
            var code = (int)context.Attributes.Int("to");
            var type = OnnxDataTypes.ToDataType(code) ?? throw context.Unsupported($"cast to {OnnxDataTypes.Name(code)} is not supported: {OnnxDataTypes.WhyUnsupported(code)}");
            if (type == DataType.String || x.DataType == DataType.String)
            {
                throw context.Unsupported("casts from or to string are not supported by Core ML");
            }
            if (type is DataType.Float8E4M3FN or DataType.Float8E5M2 or DataType.BFloat16 || type.IsSubByte())
            {
                throw context.Unsupported(NoSuchTensorType(type));
            }
            target = OnnxDataTypes.ToMil(type);
            bits = type switch { DataType.Int8 => -8, DataType.UInt8 => 8, DataType.Int16 => -16, DataType.UInt16 => 16, _ => 0 };
        }
        var wrap = bits != 0 && x.DataType != DataType.Bool;
        var name = context.OutputName();
        var result = target == x.DataType ? x : context.Op("cast", new() { { "x", x }, { "dtype", target.MilName() } }, wrap ? $"{name}_int32" : name);
        context.SetOutput(0, wrap ? WrapAround(context, result, bits, name) : result);
    }

    // Why a cast to a type with no Core ML tensor counterpart (bf16, fp8, int4/uint4) is refused, and what to do instead.
    private static string NoSuchTensorType(DataType type)
    {
        var name = type switch { DataType.BFloat16 => "bfloat16", DataType.Float8E4M3FN => "float8e4m3fn", DataType.Float8E5M2 => "float8e5m2", _ => type.MilName() };
        var held = type.IsSubByte() ? " (MIL holds int4/uint4 only as the packed data of constexpr weight ops)" : "";
        return $"a cast to {name} is not supported: the Core ML runtime has no {name} tensors (its values are fp16, fp32, int32 and bool, and 8/16-bit "
            + $"integers from iOS17){held}, and the rounding to {name} cannot be reproduced in that arithmetic; remove the cast or cast to "
            + $"{(type.IsFloat() ? "float16/float32" : "int8/int32")} before export";
    }

    // Keeps the low |bits| bits: unsigned mod(x, 2^b); signed mod(x + 2^(b−1), 2^b) − 2^(b−1).
    private static Value WrapAround(OnnxNodeContext context, Value x, int bits, string name)
    {
        var range = 1 << Math.Abs(bits);
        if (bits > 0)
        {
            return context.Op("mod", new() { { "x", x }, { "y", context.Scalar(range, x, "range") } }, name);
        }
        var half = context.Scalar(range / 2, x, "half");
        var shifted = context.Op("add", new() { { "x", x }, { "y", half } }, $"{name}_shifted");
        var wrapped = context.Op("mod", new() { { "x", shifted }, { "y", context.Scalar(range, x, "range") } }, $"{name}_wrapped");
        return context.Op("sub", new() { { "x", wrapped }, { "y", half } }, name);
    }
}
