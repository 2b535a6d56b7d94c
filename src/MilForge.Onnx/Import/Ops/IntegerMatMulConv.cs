using MilForge.Mil;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// MatMulInteger (opset 10): (A - a_zero_point) · (B - b_zero_point) with per-tensor or per-row a and per-column b zero
/// points, as int32 sub and int32 <c>matmul</c> (exact). ConvInteger (opset 10): the zero points are subtracted in
/// int32, then <c>conv</c> runs in fp32 and the result is cast back to int32, which is exact while every sum stays
/// below 2^24 (uint8/int8 data: kernels of up to 256 taps of extreme values, far more in practice); the conv stays
/// FP32 in FP16 conversions, where binary16 would overflow or round the integer sums.
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
        var w = context.Op("cast", new() { { "x", b }, { "dtype", "fp32" } }, $"{context.OutputName()}_w_float");
        var spatial = WindowAttributes.SpatialRank(context, x);
        var window = WindowAttributes.Read(context, spatial);
        var y = context.OpInFp32("conv", new()
        {
            { "x", x }, { "weight", w }, { "strides", window.Strides }, { "pad_type", window.PadType }, { "pad", window.Pad },
            { "dilations", window.Dilations }, { "groups", checked((int)context.Attributes.Int("group", 1)) },
        }, $"{context.OutputName()}_float");
        context.SetOutput(0, context.Op("cast", new() { { "x", y }, { "dtype", "int32" } }));
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
