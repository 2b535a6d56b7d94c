namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// LpNormalization (opset 1, p = 1 or 2) composed of MIL ops: x / reduce_l1_norm or reduce_l2_norm along axis (kept),
/// with a norm of 0 replaced by 1 so all-zero slices stay zero.
/// MIL <c>l2_norm</c> is not used: it adds an epsilon and normalizes over trailing dims, which ONNX does not.
/// </summary>
[OnnxOp("LpNormalization", 1)]
internal sealed class LpNormalization : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var axis = ConverterHelpers.NormalizeAxis(context, context.Attributes.Int("axis", -1), x.Shape.Rank);
        var p = context.Attributes.Int("p", 2);
        var reduction = p switch
        {
            1 => "reduce_l1_norm",
            2 => "reduce_l2_norm",
            _ => throw context.Unsupported($"p {p} is not 1 or 2"),
        };
        var norm = context.Op(reduction, new() { { "x", x }, { "axes", new[] { axis } }, { "keep_dims", true } }, $"{context.OutputName()}_norm");
        // A slice whose norm is 0 holds only zeros and stays 0 (as ONNX's reference does), not 0/0.
        var zero = context.Op("equal", new() { { "x", norm }, { "y", context.Scalar(0, norm, "zero") } }, $"{context.OutputName()}_is_zero");
        var safe = context.Op("select", new() { { "cond", zero }, { "a", context.Scalar(1, norm, "one") }, { "b", norm } }, $"{context.OutputName()}_safe_norm");
        context.SetOutput(0, context.Op("real_div", new() { { "x", x }, { "y", safe } }));
    }
}
