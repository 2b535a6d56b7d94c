using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Onnx.Import;

/// <summary>Small helpers shared by converters: axes from attributes or inputs, static shapes, casts.</summary>
internal static class ConverterHelpers
{
    /// <summary>
    /// Axes given as an attribute (older opsets) or as a constant input (newer opsets), normalized against
    /// <paramref name="rank"/>; null when neither is given.
    /// </summary>
    public static int[]? Axes(OnnxNodeContext context, int inputIndex, int rank, string attribute = "axes")
    {
        long[]? raw = context.HasInput(inputIndex)
            ? context.RequireConstant(inputIndex, attribute).AsLongs()
            : context.Attributes.Ints(attribute);
        return raw?.Select(a => NormalizeAxis(context, a, rank)).ToArray();
    }

    /// <summary>Normalizes one axis, raising ONNX1005 when out of range.</summary>
    public static int NormalizeAxis(OnnxNodeContext context, long axis, int rank)
    {
        var a = Shape.NormalizeAxis(axis, rank);
        return a >= 0 ? a : throw context.Unsupported($"axis {axis} is out of range for rank {rank}");
    }

    /// <summary>The static shape of a value; ONNX1005 naming what needs it when it is symbolic.</summary>
    public static int[] StaticShape(OnnxNodeContext context, Value value, string why)
    {
        if (!value.Shape.IsStatic)
        {
            throw context.Unsupported($"{why} needs the static shape of '{value.Name}', which is {value.Shape}");
        }
        return value.Shape.ToStatic();
    }

    /// <summary>Casts a value to <paramref name="type"/> when it differs (constants fold).</summary>
    public static Value CastTo(OnnxNodeContext context, Value value, DataType type, string suffix)
    {
        if (value.DataType == type)
        {
            return value;
        }
        return context.Op("cast", new() { { "x", value }, { "dtype", type.MilName() } }, $"{context.OutputName()}_{suffix}");
    }

    /// <summary>Reshapes to a static shape (folds for constants).</summary>
    public static Value Reshape(OnnxNodeContext context, Value value, int[] shape, string? name = null) =>
        value.Shape.IsStatic && value.Shape.ToStatic().SequenceEqual(shape)
            ? value
            : context.Op("reshape", new() { { "x", value }, { "shape", shape } }, name ?? $"{context.OutputName()}_reshape");

    /// <summary>
    /// The axis-wise ops whose semantics changed at opset 13 (Softmax, LogSoftmax, Hardmax): from 13, or when the axis is
    /// the last, <paramref name="apply"/> runs along the axis (default −1); before 13 the input is seen as the 2-D matrix
    /// [prod(dims before axis), prod(dims from axis)] (default axis 1), expressed as reshape → apply along rows → reshape.
    /// </summary>
    public static void ApplyAlongAxisOrRows(OnnxNodeContext context, Func<Value, int, string, Value> apply)
    {
        var x = context.Input(0);
        var rank = x.Shape.Rank;
        var legacy = context.Since < 13;
        var axis = NormalizeAxis(context, context.Attributes.Int("axis", legacy ? 1 : -1), Math.Max(rank, 1));
        if (!legacy || axis == rank - 1)
        {
            context.SetOutput(0, apply(x, axis, context.OutputName()));
            return;
        }
        var shape = StaticShape(context, x, $"{context.OpType} before opset 13");
        var rows = shape.Take(axis).Aggregate(1, (p, d) => p * d);
        var flat = Reshape(context, x, [rows, shape.Skip(axis).Aggregate(1, (p, d) => p * d)], $"{context.OutputName()}_2d");
        var applied = apply(flat, 1, $"{context.OutputName()}_rows");
        context.SetOutput(0, Reshape(context, applied, shape, context.OutputName()));
    }

    /// <summary>An int64 tensor (as ONNX gives shapes and indices) as an int32 vector, saturating.</summary>
    public static int[] ToInts(Tensor tensor) => tensor.AsInts();
}
