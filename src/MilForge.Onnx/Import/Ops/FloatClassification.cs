using MilForge.Mil;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// IsNaN = not_equal(x, x) (only NaN differs from itself); IsInf = equal(|x|, +inf), or equal(x, ±inf) when only one
/// sign is detected, and all false (|x| &gt; +inf) when neither is. Infinite constants survive the FP16 pass as
/// binary16 infinities, and values beyond ±65504 become infinite there, as they do in any binary16 computation.
/// </summary>
[OnnxOp("IsNaN", 9, 13, 20)]
[OnnxOp("IsInf", 10, 20)]
internal sealed class FloatClassification : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        if (!x.DataType.IsFloatType())
        {
            throw context.Error(Diagnostics.DiagnosticCodes.OnnxUnsupportedType, $"{context.OpType} takes a float tensor, not {x.DataType}");
        }
        context.SetOutput(0, context.OpType == "IsNaN"
            ? context.Op("not_equal", new() { { "x", x }, { "y", x } })
            : IsInf(context, x, context.Attributes.Int("detect_positive", 1) != 0, context.Attributes.Int("detect_negative", 1) != 0));
    }

    private static Value IsInf(OnnxNodeContext context, Value x, bool positive, bool negative)
    {
        var infinity = context.Scalar(positive || !negative ? double.PositiveInfinity : double.NegativeInfinity, x, "infinity");
        if (positive == negative)
        {
            var magnitude = context.Op("abs", new() { { "x", x } }, $"{context.OutputName()}_abs");
            return context.Op(positive ? "equal" : "greater", new() { { "x", magnitude }, { "y", infinity } });
        }
        return context.Op("equal", new() { { "x", x }, { "y", infinity } });
    }
}
