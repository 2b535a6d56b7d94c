namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Squeeze and Unsqueeze (axes as an attribute before opset 13, as an input from 13) → squeeze / expand_dims. Squeeze
/// without axes lists the unit dims explicitly.
/// </summary>
[OnnxOp("Squeeze", 1, 11, 13, 21)]
[OnnxOp("Unsqueeze", 1, 11, 13, 21)]
internal sealed class SqueezeUnsqueeze : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        if (context.OpType == "Squeeze")
        {
            var axes = ConverterHelpers.Axes(context, 1, x.Shape.Rank);
            if (axes is null or { Length: 0 })
            {
                axes = UnitDims(context, x);
            }
            context.SetOutput(0, axes.Length == 0 ? context.Op("identity", new() { { "x", x } }) : context.Op("squeeze", new() { { "x", x }, { "axes", axes } }));
            return;
        }
        var raw = context.HasInput(1) ? context.RequireConstant(1, "axes").AsLongs() : context.Attributes.Ints("axes")
            ?? throw context.Unsupported("axes is required");
        var outRank = x.Shape.Rank + raw.Length;
        var normalized = raw.Select(a => ConverterHelpers.NormalizeAxis(context, a, outRank)).ToArray();
        context.SetOutput(0, context.Op("expand_dims", new() { { "x", x }, { "axes", normalized } }));
    }

    // Squeeze without axes removes the dims that are 1 at run time; a Core ML program needs its output rank when it is
    // built, so symbolic dims are assumed not to be 1 (with a warning, since ONNX would drop one that turns out to be 1).
    private static int[] UnitDims(OnnxNodeContext context, Mil.Value x)
    {
        var symbolic = Enumerable.Range(0, x.Shape.Rank).Where(i => !x.Shape[i].IsKnown).ToList();
        if (symbolic.Count > 0)
        {
            context.Warn(Diagnostics.DiagnosticCodes.OnnxBadAttribute,
                $"Squeeze without axes keeps the symbolic dims {string.Join(", ", symbolic)} of '{x.Name}' {x.Shape}; "
                + "ONNX would also drop any of them that is 1 at run time");
        }
        return [.. Enumerable.Range(0, x.Shape.Rank).Where(i => x.Shape[i].IsKnown && x.Shape[i].Size == 1)];
    }
}
