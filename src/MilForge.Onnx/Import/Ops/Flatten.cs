namespace MilForge.Onnx.Import.Ops;

/// <summary>Flatten → reshape to [prod(dims before axis), prod(dims from axis)] (flatten2d when the shape is symbolic).</summary>
[OnnxOp("Flatten", 1, 9, 11, 13, 21)]
internal sealed class Flatten : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var rank = x.Shape.Rank;
        var axis = context.Attributes.Int("axis", 1);
        var a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a > rank)
        {
            throw context.Unsupported($"axis {axis} is out of range for rank {rank}");
        }
        if (!x.Shape.IsStatic)
        {
            context.SetOutput(0, context.Op("flatten2d", new() { { "x", x }, { "axis", (int)a } }));
            return;
        }
        var shape = x.Shape.ToStatic();
        var outer = shape.Take((int)a).Aggregate(1, (p, d) => p * d);
        var inner = shape.Skip((int)a).Aggregate(1, (p, d) => p * d);
        context.SetOutput(0, context.Op("reshape", new() { { "x", x }, { "shape", new[] { outer, inner } } }));
    }
}
