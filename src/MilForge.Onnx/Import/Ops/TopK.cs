namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// TopK → MIL <c>topk</c>. k is an attribute (opset 1) or a constant one-element input (from 10); largest and sorted
/// come in opset 11. Ties keep the lower index first, as ONNX requires. sorted=0 leaves the order to the
/// implementation, so the sorted result is a valid answer. Indices are int32 in Core ML (ONNX int64).
/// </summary>
[OnnxOp("TopK", 1, 10, 11)]
internal sealed class TopK : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var axis = ConverterHelpers.NormalizeAxis(context, context.Attributes.Int("axis", -1), x.Shape.Rank);
        long k;
        if (context.Since < 10)
        {
            k = context.Attributes.Int("k", -1);
        }
        else
        {
            var given = context.RequireConstant(1, "K").AsLongs();
            k = given.Length == 1 ? given[0] : throw context.Unsupported($"K must hold one value, got {given.Length}");
        }
        var dim = x.Shape[axis];
        if (k < 0 || (dim.IsKnown && k > dim.Size))
        {
            throw context.Unsupported($"k {k} is outside [0, {dim}] (the length of axis {axis})");
        }
        var largest = context.Attributes.Int("largest", 1) != 0;
        var outputs = context.Builder.Build("topk", new() { { "x", x }, { "k", (int)k }, { "axis", axis }, { "ascending", !largest } },
            context.OutputName());
        context.SetOutput(0, outputs[0]);
        context.SetOutput(1, outputs[1]);
    }
}
