using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Size: the element count as a scalar. A static shape folds to a constant (as Shape does, so shape arithmetic in
/// exported graphs — LayerNormalization's function body, for one — folds away); a symbolic one multiplies the
/// dimensions of MIL <c>shape</c> with <c>reduce_prod</c>.
/// </summary>
[OnnxOp("Size", 1, 13, 19, 21)]
internal sealed class Size : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        if (x.Shape.IsStatic)
        {
            var count = x.Shape.ToStatic().Aggregate(1L, (p, d) => p * d);
            context.SetOutput(0, context.Builder.Const(Tensor.Scalar(checked((int)count)), context.OutputName()));
            return;
        }
        var shape = context.Op("shape", new() { { "x", x } }, $"{context.OutputName()}_shape");
        context.SetOutput(0, context.Op("reduce_prod", new() { { "x", shape }, { "axes", new[] { 0 } }, { "keep_dims", false } }));
    }
}
