using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Shared pieces of the ONNX quantization converters: integer ranges, per-tensor / per-axis / blocked parameters
/// shaped to broadcast against the data, and the exact float forms of quantize (divide, round half to even, add the
/// zero point, clip) and dequantize (subtract the zero point, scale). ONNX integer tensors live in MIL as int32.
/// </summary>
internal static class QuantizationMath
{
    /// <summary>The integer types a quantized tensor may have here, with their ranges.</summary>
    public static (long Low, long High)? Range(DataType type) => type switch
    {
        DataType.Int8 => (-128, 127),
        DataType.UInt8 => (0, 255),
        DataType.Int16 => (short.MinValue, short.MaxValue),
        DataType.UInt16 => (0, ushort.MaxValue),
        DataType.Int4 => (-8, 7),
        DataType.UInt4 => (0, 15),
        DataType.Int32 => (int.MinValue, int.MaxValue),
        _ => null,
    };

    /// <summary>How the scale applies: one value, one per index of <c>Axis</c>, or one per block of <c>Block</c> along it.</summary>
    public sealed record Layout(int Axis, int Block, bool PerTensor)
    {
        /// <summary>True for the blocked form (opset 21).</summary>
        public bool Blocked => Block > 0;
    }

    /// <summary>Reads axis/block_size and checks the scale's shape against the data's; ONNX1005 when they disagree.</summary>
    public static Layout ReadLayout(OnnxNodeContext context, Value x, Value scale)
    {
        var rank = x.Shape.Rank;
        var block = context.Since >= 21 ? checked((int)context.Attributes.Int("block_size", 0)) : 0;
        // One scale value (a scalar or [1]) is per-tensor; a one-element per-axis vector means the same.
        var perTensor = block == 0 && (scale.Shape.Rank == 0 || (scale.Shape.Rank == 1 && scale.Shape[0] is { IsKnown: true, Size: 1 }));
        if (perTensor)
        {
            return new Layout(0, 0, true);
        }
        var axis = ConverterHelpers.NormalizeAxis(context, context.Attributes.Int("axis", 1), rank);
        if (block < 0)
        {
            throw context.Unsupported($"block_size {block} must not be negative");
        }
        if (block == 0 && scale.Shape.Rank != 1)
        {
            throw context.Unsupported($"a per-axis scale must be a vector, got {scale.Shape}");
        }
        if (block > 0 && scale.Shape.Rank != rank)
        {
            throw context.Unsupported($"a blocked scale must have the data's rank {rank}, got {scale.Shape}");
        }
        return new Layout(axis, block, false);
    }

    /// <summary>
    /// A constant parameter (scale or zero point) as a tensor that broadcasts against data of <paramref name="shape"/>:
    /// a scalar, a vector reshaped to [1, .., C, .., 1], or a blocked parameter repeated to the data's shape.
    /// </summary>
    public static Tensor Broadcastable(Tensor parameter, int[] shape, Layout layout)
    {
        if (layout.PerTensor)
        {
            return parameter.Reshape([]);
        }
        if (!layout.Blocked)
        {
            var dims = shape.Select((_, d) => d == layout.Axis ? parameter.Length : 1).ToArray();
            return parameter.Reshape(dims);
        }
        var values = parameter.AsDoubles();
        var pShape = parameter.ShapeArray();
        var result = new double[shape.Aggregate(1, (a, d) => a * d)];
        var coords = new int[shape.Length];
        for (var i = 0; i < result.Length; i++)
        {
            var p = 0;
            for (var d = 0; d < shape.Length; d++)
            {
                p = (p * pShape[d]) + (d == layout.Axis ? coords[d] / layout.Block : coords[d]);
            }
            result[i] = values[p];
            for (var d = shape.Length - 1; d >= 0 && ++coords[d] == shape[d]; d--)
            {
                coords[d] = 0;
            }
        }
        return Tensor.FromDoubles(result, shape, parameter.DataType);
    }

    /// <summary>Checks that a blocked parameter has ceil(dim / block) entries along the axis and the data's size elsewhere.</summary>
    public static void CheckBlocks(OnnxNodeContext context, Tensor parameter, int[] shape, Layout layout)
    {
        if (!layout.Blocked)
        {
            return;
        }
        var p = parameter.ShapeArray();
        for (var d = 0; d < shape.Length; d++)
        {
            var expected = d == layout.Axis ? (shape[d] + layout.Block - 1) / layout.Block : shape[d];
            if (p[d] != expected)
            {
                throw context.Unsupported($"the blocked parameter has shape [{string.Join(", ", p)}]; data [{string.Join(", ", shape)}] with block_size {layout.Block} needs {expected} along dimension {d}");
            }
        }
    }

    /// <summary>round_half_even(x / scale) + zero_point, clipped to [low, high], in float (as ONNX Runtime computes it).</summary>
    public static float QuantizeOne(float x, float scale, float zeroPoint, (long Low, long High) range) =>
        Math.Clamp(MathF.Round(x / scale, MidpointRounding.ToEven) + zeroPoint, range.Low, range.High);

    /// <summary>A parameter value as a graph value that broadcasts against <paramref name="x"/> (constants reshape at import).</summary>
    public static Value BroadcastValue(OnnxNodeContext context, Value parameter, Value x, Layout layout, string suffix)
    {
        if (parameter.ConstantValue is { } constant && x.Shape.IsStatic)
        {
            return context.Const(Broadcastable(constant, x.Shape.ToStatic(), layout), suffix);
        }
        if (layout.Blocked)
        {
            throw context.Error(Diagnostics.DiagnosticCodes.OnnxNotConstant, "a blocked scale or zero point must be a constant");
        }
        if (layout.PerTensor)
        {
            return ConverterHelpers.Reshape(context, parameter, [], $"{context.OutputName()}_{suffix}");
        }
        var dims = Enumerable.Range(0, x.Shape.Rank).Select(d => d == layout.Axis ? -1 : 1).ToArray();
        return context.Op("reshape", new() { { "x", parameter }, { "shape", dims } }, $"{context.OutputName()}_{suffix}");
    }

    /// <summary>Float dequantization of a run-time value: (cast(x) - zero_point) * scale, in the scale's float type.</summary>
    public static Value DequantizeInFloat(OnnxNodeContext context, Value x, Value scale, Value? zeroPoint, Layout layout, string? name = null)
    {
        var floatType = scale.DataType;
        var xf = ConverterHelpers.CastTo(context, x, floatType, "float");
        if (zeroPoint is not null)
        {
            var zp = BroadcastValue(context, ConverterHelpers.CastTo(context, zeroPoint, floatType, "zero_point_float"), x, layout, "zero_point");
            xf = context.Op("sub", new() { { "x", xf }, { "y", zp } }, $"{context.OutputName()}_shifted");
        }
        var s = BroadcastValue(context, scale, x, layout, "scale");
        return context.Op("mul", new() { { "x", xf }, { "y", s } }, name ?? context.OutputName());
    }

    /// <summary>
    /// Float quantization of a run-time value: clip(round(x / scale) + zero_point) as an integer-valued float, cast to
    /// int32 (the MIL type of ONNX integers). MIL <c>round</c> rounds half to even.
    /// </summary>
    public static Value QuantizeInFloat(OnnxNodeContext context, Value x, Value scale, Value? zeroPoint, Layout layout, (long Low, long High) range, string? name = null)
    {
        var s = BroadcastValue(context, ConverterHelpers.CastTo(context, scale, x.DataType, "scale_cast"), x, layout, "scale");
        var q = context.Op("round", new() { { "x", context.Op("real_div", new() { { "x", x }, { "y", s } }, $"{context.OutputName()}_scaled") } }, $"{context.OutputName()}_rounded");
        if (zeroPoint is not null)
        {
            var zp = BroadcastValue(context, ConverterHelpers.CastTo(context, zeroPoint, x.DataType, "zero_point_float"), x, layout, "zero_point");
            q = context.Op("add", new() { { "x", q }, { "y", zp } }, $"{context.OutputName()}_shifted");
        }
        var clipped = context.Op("clip", new() { { "x", q }, { "alpha", context.Scalar(range.Low, q, "low") }, { "beta", context.Scalar(range.High, q, "high") } }, $"{context.OutputName()}_clipped");
        return context.Op("cast", new() { { "x", clipped }, { "dtype", "int32" } }, name ?? context.OutputName());
    }

    /// <summary>A constant parameter's value for every element of data of <paramref name="shape"/> (row-major).</summary>
    public static float[] Expand(Tensor parameter, int[] shape, Layout layout)
    {
        var count = shape.Aggregate(1, (a, d) => a * d);
        var values = parameter.AsFloats();
        if (layout.PerTensor)
        {
            return Enumerable.Repeat(values[0], count).ToArray();
        }
        if (layout.Blocked)
        {
            return Broadcastable(parameter, shape, layout).AsFloats();
        }
        var inner = 1;
        for (var d = layout.Axis + 1; d < shape.Length; d++)
        {
            inner *= shape[d];
        }
        var result = new float[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = values[i / inner % shape[layout.Axis]];
        }
        return result;
    }
}
