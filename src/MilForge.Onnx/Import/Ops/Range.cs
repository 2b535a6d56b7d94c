using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Range(start, limit, delta) → MIL <c>range_1d(end, start, step)</c> on scalars (int or float); with constant
/// inputs the builder folds it into a const. A zero delta is refused.
/// </summary>
[OnnxOp("Range", 11)]
internal sealed class Range : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var start = Scalar(context, 0, "start");
        var limit = Scalar(context, 1, "limit");
        var delta = Scalar(context, 2, "delta");
        if (start.DataType != limit.DataType || start.DataType != delta.DataType)
        {
            throw context.Unsupported("start, limit and delta must have one element type");
        }
        if (start.DataType is not (DataType.Float16 or DataType.Float32 or DataType.Int32))
        {
            throw context.Unsupported($"Range on {start.DataType.MilName()} is not supported");
        }
        if (delta.ConstantValue is { } d && d.GetDouble(0) == 0)
        {
            throw context.Unsupported("delta must not be 0");
        }
        context.SetOutput(0, context.Op("range_1d", new() { { "end", limit }, { "start", start }, { "step", delta } }));
    }

    private static Mil.Value Scalar(OnnxNodeContext context, int index, string what)
    {
        var value = context.Input(index);
        if (value.Shape.Rank > 1 || (value.Shape.Rank == 1 && value.Shape.IsStatic && value.Shape.ToStatic()[0] != 1))
        {
            throw context.Unsupported($"{what} must be a scalar, got shape {value.Shape}");
        }
        return value.Shape.Rank == 0 ? value : ConverterHelpers.Reshape(context, value, [], $"{context.OutputName()}_{what}");
    }
}
