namespace MilForge.Onnx.Import.Ops;

/// <summary>Gather along an axis; negative indices are made positive where the target needs it (<see cref="GatherIndices"/>).</summary>
[OnnxOp("Gather", 1, 11, 13)]
internal sealed class Gather : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var axis = ConverterHelpers.NormalizeAxis(context, context.Attributes.Int("axis", 0), x.Shape.Rank);
        var indices = GatherIndices.Normalize(context, x, context.Input(1), axis);
        context.SetOutput(0, context.Op("gather", new() { { "x", x }, { "indices", indices }, { "axis", axis } }));
    }
}
