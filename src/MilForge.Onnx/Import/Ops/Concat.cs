namespace MilForge.Onnx.Import.Ops;

/// <summary>Concat along an axis (required from opset 4). Empty inputs (a zero-size dim on the axis) are dropped.</summary>
[OnnxOp("Concat", 4, 11, 13)]
internal sealed class Concat : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var values = Enumerable.Range(0, context.InputCount).Where(context.HasInput).Select(context.Input).ToList();
        var rank = values[0].Shape.Rank;
        var axis = ConverterHelpers.NormalizeAxis(context, context.Attributes.Int("axis"), rank);
        var kept = values.Where(v => !(v.Shape.Rank == rank && v.Shape[axis].IsKnown && v.Shape[axis].Size == 0)).ToList();
        if (kept.Count == 0)
        {
            kept = [values[0]];
        }
        if (kept.Count == 1)
        {
            context.SetOutput(0, context.Op("identity", new() { { "x", kept[0] } }));
            return;
        }
        context.SetOutput(0, context.Op("concat", new() { { "values", kept.ToArray() }, { "axis", axis } }));
    }
}
