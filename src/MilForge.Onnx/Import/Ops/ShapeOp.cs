using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Shape (with opset-15 start/end). A static shape becomes an int32 constant, so the usual PyTorch shape chains
/// (Shape → Gather → Unsqueeze → Concat → Reshape) fold away at import; a symbolic shape uses MIL <c>shape</c>.
/// </summary>
[OnnxOp("Shape", 1, 13, 15, 19, 21)]
internal sealed class ShapeOp : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var rank = x.Shape.Rank;
        var start = Clamp(context.Attributes.Int("start", 0), rank);
        var end = Clamp(context.Attributes.Int("end", rank), rank);
        var count = Math.Max(0, end - start);
        if (x.Shape.IsStatic)
        {
            var dims = x.Shape.ToStatic().Skip(start).Take(count).ToArray();
            context.SetOutput(0, context.Builder.Const(Tensor.Vector(dims), context.OutputName()));
            return;
        }
        var shape = context.Op("shape", new() { { "x", x } }, count == rank ? null : $"{context.OutputName()}_full");
        if (count != rank)
        {
            shape = context.Op("slice_by_index", new() { { "x", shape }, { "begin", new[] { start } }, { "end", new[] { end } } });
        }
        context.SetOutput(0, shape);
    }

    private static int Clamp(long v, int rank) => (int)Math.Clamp(v < 0 ? v + rank : v, 0, rank);
}
