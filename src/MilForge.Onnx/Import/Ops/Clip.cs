namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Clip: min/max as attributes (before opset 11) or optional inputs (from 11). Constant float bounds become MIL
/// <c>clip</c> (a missing bound is ±float max); dynamic bounds and integer inputs use maximum/minimum.
/// </summary>
[OnnxOp("Clip", 1, 6, 11, 12, 13)]
internal sealed class Clip : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var name = context.OutputName();
        if (context.Since < 11)
        {
            var lo = context.Attributes.Float("min", float.MinValue);
            var hi = context.Attributes.Float("max", float.MaxValue);
            context.SetOutput(0, Bounded(context, x, context.Scalar(lo, x, "min"), context.Scalar(hi, x, "max"), name));
            return;
        }
        var min = context.OptionalInput(1);
        var max = context.OptionalInput(2);
        if (x.DataType.IsFloatType() && (min is null || min.IsConstant) && (max is null || max.IsConstant))
        {
            var lo = min ?? context.Scalar(float.MinValue, x, "min");
            var hi = max ?? context.Scalar(float.MaxValue, x, "max");
            context.SetOutput(0, Bounded(context, x, lo, hi, name));
            return;
        }
        var result = x;
        if (min is not null)
        {
            result = context.Op("maximum", new() { { "x", result }, { "y", min } }, max is null ? name : $"{name}_lower");
        }
        if (max is not null)
        {
            result = context.Op("minimum", new() { { "x", result }, { "y", max } }, name);
        }
        context.SetOutput(0, min is null && max is null ? context.Op("identity", new() { { "x", x } }) : result);
    }

    private static Mil.Value Bounded(OnnxNodeContext context, Mil.Value x, Mil.Value lo, Mil.Value hi, string name) =>
        context.Op("clip", new() { { "x", x }, { "alpha", lo }, { "beta", hi } }, name);
}

/// <summary>Element-type test used by converters.</summary>
internal static class DataTypeChecks
{
    /// <summary>True for fp16 and fp32 (the types MIL float ops take).</summary>
    public static bool IsFloatType(this Numerics.DataType type) => type is Numerics.DataType.Float16 or Numerics.DataType.Float32;
}
