namespace MilForge.Onnx.Import.Ops;

/// <summary>Squeeze and Unsqueeze (axes as an attribute before opset 13, as an input from 13) → squeeze / expand_dims.</summary>
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
            var args = new Mil.Building.OpArgs { { "x", x } };
            if (axes is { Length: > 0 })
            {
                args.Add("axes", axes);
            }
            context.SetOutput(0, context.Op("squeeze", args));
            return;
        }
        var raw = context.HasInput(1) ? context.RequireConstant(1, "axes").AsLongs() : context.Attributes.Ints("axes")
            ?? throw context.Unsupported("axes is required");
        var outRank = x.Shape.Rank + raw.Length;
        var normalized = raw.Select(a => ConverterHelpers.NormalizeAxis(context, a, outRank)).ToArray();
        context.SetOutput(0, context.Op("expand_dims", new() { { "x", x }, { "axes", normalized } }));
    }
}
