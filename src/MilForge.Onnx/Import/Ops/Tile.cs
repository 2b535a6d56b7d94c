using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>Tile (repeats a 1-D int64 input, constant or computed at run time) → MIL <c>tile</c>.</summary>
[OnnxOp("Tile", 6, 13)]
internal sealed class Tile : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var repeats = context.Input(1);
        if (repeats.Shape.Rank != 1 || (repeats.Shape[0].IsKnown && repeats.Shape[0].Size != x.Shape.Rank))
        {
            throw context.Unsupported($"repeats must be a vector of {x.Shape.Rank} entries, got shape {repeats.Shape}");
        }
        if (repeats.ConstantValue is { } r && r.AsLongs().Any(v => v < 0))
        {
            throw context.Unsupported($"repeats [{string.Join(", ", r.AsLongs())}] must not be negative");
        }
        var reps = ConverterHelpers.CastTo(context, repeats, DataType.Int32, "repeats");
        context.SetOutput(0, context.Op("tile", new() { { "x", x }, { "reps", reps } }));
    }
}
