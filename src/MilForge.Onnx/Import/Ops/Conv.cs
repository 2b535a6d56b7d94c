namespace MilForge.Onnx.Import.Ops;

/// <summary>Conv (1–3 spatial dims, groups incl. depthwise, pads, strides, dilations, auto_pad) → MIL <c>conv</c>.</summary>
[OnnxOp("Conv", 1, 11, 22)]
internal sealed class Conv : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var w = context.Input(1);
        var spatial = WindowAttributes.SpatialRank(context, x);
        if (context.Attributes.Ints("kernel_shape") is { } kernel && w.Shape.IsStatic
            && !kernel.SequenceEqual(w.Shape.ToStatic().Skip(2).Select(d => (long)d)))
        {
            throw context.Unsupported($"kernel_shape [{string.Join(", ", kernel)}] does not match the weight {w.Shape}");
        }
        var window = WindowAttributes.Read(context, spatial);
        var args = new Mil.Building.OpArgs
        {
            { "x", x },
            { "weight", w },
            { "strides", window.Strides },
            { "pad_type", window.PadType },
            { "pad", window.Pad },
            { "dilations", window.Dilations },
            { "groups", checked((int)context.Attributes.Int("group", 1)) },
        };
        if (context.OptionalInput(2) is { } bias)
        {
            if (!bias.IsConstant)
            {
                throw context.Error(Diagnostics.DiagnosticCodes.OnnxNotConstant, "the bias must be a constant (MIL conv takes a constant bias)");
            }
            args.Add("bias", bias);
        }
        context.SetOutput(0, context.Op("conv", args));
    }
}
