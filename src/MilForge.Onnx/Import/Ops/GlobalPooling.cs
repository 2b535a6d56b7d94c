namespace MilForge.Onnx.Import.Ops;

/// <summary>GlobalAveragePool / GlobalMaxPool → reduce_mean / reduce_max over the spatial dims, keeping them (as coremltools).</summary>
[OnnxOp("GlobalAveragePool", 1, 22)]
[OnnxOp("GlobalMaxPool", 1, 22)]
internal sealed class GlobalPooling : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        if (x.Shape.Rank < 3)
        {
            throw context.Unsupported($"input rank {x.Shape.Rank} has no spatial dims");
        }
        var axes = Enumerable.Range(2, x.Shape.Rank - 2).ToArray();
        var op = context.OpType == "GlobalAveragePool" ? "reduce_mean" : "reduce_max";
        context.SetOutput(0, context.Op(op, new() { { "x", x }, { "axes", axes }, { "keep_dims", true } }));
    }
}
