using MilForge.Mil;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// MatMulInteger (opset 10): (A - a_zero_point) · (B - b_zero_point) with per-tensor or per-row a and per-column b zero
/// points, as int32 sub and int32 <c>matmul</c> (exact). ConvInteger (opset 10): the zero points are subtracted in
/// int32, then <c>conv</c> runs in fp32 on the data scaled by 2^-8 and the result comes back to int32 as whole and
/// fractional parts, which is exact while every sum stays below 2^24 (uint8/int8 data: kernels of up to 256 taps of
/// extreme values, far more in practice).
/// </summary>
[OnnxOp("MatMulInteger", 10)]
[OnnxOp("ConvInteger", 10)]
internal sealed class IntegerMatMulConv : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var a = Shifted(context, context.Input(0), context.OptionalInput(2), rowAxis: context.OpType == "MatMulInteger", "a");
        var b = Shifted(context, context.Input(1), context.OptionalInput(3), rowAxis: false, "b", perChannel: context.OpType == "ConvInteger");
        if (context.OpType == "MatMulInteger")
        {
            context.SetOutput(0, context.Op("matmul", new() { { "x", a }, { "y", b } }));
            return;
        }
        var x = context.Op("cast", new() { { "x", a }, { "dtype", "fp32" } }, $"{context.OutputName()}_x_float");
        // 2^-8 keeps the sums (acc / 256) within binary16's range when the FP16 pass converts the conv; the result is
        // split into whole and fractional parts of acc / 256 (both exact in fp32) and recombined in int32.
        x = context.Op("mul", new() { { "x", x }, { "y", context.Scalar(1.0 / 256, x, "x_prescale") } }, $"{context.OutputName()}_x_prescaled");
        var w = context.Op("cast", new() { { "x", b }, { "dtype", "fp32" } }, $"{context.OutputName()}_w_float");
        var spatial = x.Shape.Rank - 2;
        if (spatial is < 1 or > 3)
        {
            throw context.Unsupported($"input rank {x.Shape.Rank} is not supported (1–3 spatial dims)");
        }
        var window = WindowAttributes.Read(context, spatial);
        var y = context.Op("conv", new()
        {
            { "x", x }, { "weight", w }, { "strides", window.Strides }, { "pad_type", window.PadType }, { "pad", window.Pad },
            { "dilations", window.Dilations }, { "groups", checked((int)context.Attributes.Int("group", 1)) },
        }, $"{context.OutputName()}_float");
        var whole = context.Op("floor", new() { { "x", y } }, $"{context.OutputName()}_whole");
        var fraction = context.Op("mul", new() { { "x", context.Op("sub", new() { { "x", y }, { "y", whole } }, $"{context.OutputName()}_fraction") }, { "y", context.Scalar(256, y, "fraction_scale") } },
            $"{context.OutputName()}_low");
        var high = context.Op("cast", new() { { "x", whole }, { "dtype", "int32" } }, $"{context.OutputName()}_high_int");
        var low = context.Op("cast", new() { { "x", context.Op("round", new() { { "x", fraction } }, $"{context.OutputName()}_low_rounded") }, { "dtype", "int32" } }, $"{context.OutputName()}_low_int");
        var shifted = context.Op("mul", new() { { "x", high }, { "y", context.Scalar(256, high, "high_scale") } }, $"{context.OutputName()}_high");
        context.SetOutput(0, context.Op("add", new() { { "x", shifted }, { "y", low } }));
    }

    /// <summary>
    /// value - zero_point in int32. A vector zero point is per row of A (MatMulInteger's a: shape [M] → [M, 1]), per
    /// column of B (shape [N], broadcasting along the last axis) or per output channel of a conv weight ([M] → [M, 1, ...]).
    /// </summary>
    private static Value Shifted(OnnxNodeContext context, Value value, Value? zeroPoint, bool rowAxis, string what, bool perChannel = false)
    {
        if (zeroPoint is null)
        {
            return value;
        }
        if (zeroPoint.Shape.Rank > 1)
        {
            throw context.Unsupported($"the {what} zero point must be a scalar or a vector, got {zeroPoint.Shape}");
        }
        var zp = zeroPoint;
        var vector = zeroPoint.Shape.Rank == 1 && !(zeroPoint.Shape[0] is { IsKnown: true, Size: 1 });
        if (!vector)
        {
            zp = ConverterHelpers.Reshape(context, zeroPoint, [], $"{context.OutputName()}_{what}_zero_point");
        }
        else if (rowAxis || perChannel)
        {
            var trailing = perChannel ? value.Shape.Rank - 1 : 1;
            zp = context.Op("reshape", new() { { "x", zeroPoint }, { "shape", new[] { -1 }.Concat(Enumerable.Repeat(1, trailing)).ToArray() } },
                $"{context.OutputName()}_{what}_zero_point");
        }
        return context.Op("sub", new() { { "x", value }, { "y", zp } }, $"{context.OutputName()}_{what}_shifted");
    }
}
