namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Split into the node's outputs: sizes from the <c>split</c> attribute (before opset 13) or input (from 13), else
/// equal parts (opset 18 num_outputs allows a smaller last part, resolved when the dim is known; a symbolic dim is
/// assumed to divide evenly, with a warning).
/// </summary>
[OnnxOp("Split", 2, 11, 13, 18)]
internal sealed class Split : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var axis = ConverterHelpers.NormalizeAxis(context, context.Attributes.Int("axis", 0), x.Shape.Rank);
        var count = context.OutputCount;
        long[]? sizes = context.HasInput(1) ? context.RequireConstant(1, "split").AsLongs() : context.Attributes.Ints("split");
        var dim = x.Shape[axis];
        if (sizes is null && dim.IsKnown && dim.Size % count != 0)
        {
            var part = (dim.Size + count - 1) / count;
            sizes = [.. Enumerable.Range(0, count).Select(i => Math.Min(part, dim.Size - (i * part)))];
        }
        var args = new Mil.Building.OpArgs { { "x", x }, { "axis", axis } };
        if (sizes is not null)
        {
            if (sizes.Length != count)
            {
                throw context.Unsupported($"split has {sizes.Length} sizes for {count} outputs");
            }
            args.Add("split_sizes", sizes.Select(s => checked((int)s)).ToArray());
        }
        else
        {
            if (!dim.IsKnown && context.Attributes.Has("num_outputs"))
            {
                context.Warn(Diagnostics.DiagnosticCodes.OnnxBadAttribute,
                    $"num_outputs={count} over the symbolic dim {axis} of '{x.Name}' assumes it divides evenly; MIL split has no smaller last part");
            }
            args.Add("num_splits", count);
        }
        var outputs = context.Builder.Build("split", args, context.OutputName());
        for (var i = 0; i < outputs.Count; i++)
        {
            context.SetOutput(i, outputs[i]);
        }
    }
}
