namespace MilForge.Onnx.Import.Ops;

/// <summary>CumSum → MIL <c>cumsum</c>; the axis is a constant scalar (or one-element) input, exclusive and reverse are attributes.</summary>
[OnnxOp("CumSum", 11, 14)]
internal sealed class CumSum : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var axis = CumulativeAxis.Read(context, x);
        context.SetOutput(0, context.Op("cumsum", new()
        {
            { "x", x },
            { "axis", axis },
            { "exclusive", context.Attributes.Int("exclusive", 0) != 0 },
            { "reverse", context.Attributes.Int("reverse", 0) != 0 },
        }));
    }
}

/// <summary>The axis input shared by CumSum and CumProd: a constant holding one integer, normalized against the rank.</summary>
internal static class CumulativeAxis
{
    public static int Read(OnnxNodeContext context, Mil.Value x)
    {
        var given = context.RequireConstant(1, "axis").AsLongs();
        return given.Length == 1 ? ConverterHelpers.NormalizeAxis(context, given[0], x.Shape.Rank)
            : throw context.Unsupported($"axis must hold one value, got {given.Length}");
    }
}
