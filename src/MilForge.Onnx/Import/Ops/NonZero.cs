namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// NonZero → MIL <c>non_zero</c> ([N, rank], row-major) transposed to ONNX's [rank, N]. N depends on the data, so it
/// is a symbolic dim (constants fold). Indices are int32 in Core ML (ONNX int64).
/// </summary>
[OnnxOp("NonZero", 9, 13)]
internal sealed class NonZero : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        if (x.Shape.Rank == 0)
        {
            throw context.Unsupported("NonZero of a scalar is not supported");
        }
        var coordinates = context.Op("non_zero", new() { { "x", x } }, $"{context.OutputName()}_rows");
        context.SetOutput(0, context.Op("transpose", new() { { "x", coordinates }, { "perm", new[] { 1, 0 } } }));
    }
}

/// <summary>
/// Compress: the slices along <c>axis</c> (of the flattened input when absent) whose condition is true. A constant
/// condition becomes a gather with constant indices; a run-time one gathers at squeeze(non_zero(condition)), whose
/// length is data-dependent. A condition shorter than the axis drops the rest, as ONNX specifies.
/// </summary>
[OnnxOp("Compress", 9, 11)]
internal sealed class Compress : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var name = context.OutputName();
        int axis;
        if (context.Attributes.Has("axis"))
        {
            axis = ConverterHelpers.NormalizeAxis(context, context.Attributes.Int("axis", 0), x.Shape.Rank);
        }
        else
        {
            axis = 0;
            x = x.Shape.IsStatic
                ? ConverterHelpers.Reshape(context, x, [x.Shape.ToStatic().Aggregate(1, (p, d) => p * d)], $"{name}_flat")
                : context.Op("reshape", new() { { "x", x }, { "shape", new[] { -1 } } }, $"{name}_flat");
        }
        var dim = x.Shape[axis];
        Mil.Value indices;
        if (context.ConstantInput(1) is { } condition)
        {
            var flags = condition.AsLongs();
            if (dim.IsKnown && flags.Length > dim.Size && flags.Skip((int)dim.Size).Any(f => f != 0))
            {
                throw context.Unsupported($"condition selects past the end of axis {axis} (length {dim})");
            }
            indices = context.Const(Numerics.Tensor.Vector([.. flags.Select((f, i) => (f, i)).Where(p => p.f != 0).Select(p => p.i)]), "indices");
        }
        else
        {
            var cond = context.Input(1);
            var positions = context.Op("non_zero", new() { { "x", cond } }, $"{name}_positions");
            indices = context.Op("squeeze", new() { { "x", positions }, { "axes", new[] { 1 } } }, $"{name}_indices");
        }
        context.SetOutput(0, context.Op("gather", new() { { "x", x }, { "indices", indices }, { "axis", axis } }));
    }
}
