namespace MilForge.Onnx.Import.Ops;

/// <summary>Transpose (perm defaults to reversing the dims).</summary>
[OnnxOp("Transpose", 1, 13, 21)]
internal sealed class Transpose : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var rank = x.Shape.Rank;
        var perm = context.Attributes.Ints("perm")?.Select(p => checked((int)p)).ToArray() ?? [.. Enumerable.Range(0, rank).Reverse()];
        context.SetOutput(0, context.Op("transpose", new() { { "x", x }, { "perm", perm } }));
    }
}
