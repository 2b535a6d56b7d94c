namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Identity and inference-mode Dropout pass their input through without an op. Dropout's mask output becomes a
/// constant when the input shape is static; training mode is not supported.
/// </summary>
[OnnxOp("Identity", 1, 13, 14, 16, 19, 21)]
[OnnxOp("Dropout", 1, 6, 7, 10, 12, 13, 22)]
internal sealed class Identity : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        if (context.OpType == "Dropout")
        {
            if (context.HasInput(2) && context.ConstantInput(2) is not { } training || context.ConstantInput(2) is { } t && t.GetLong(0) != 0)
            {
                throw context.Unsupported("training mode is not supported (training_mode must be a constant false)");
            }
            if (context.HasOutput(1))
            {
                context.SetOutput(1, context.Builder.Const(Mask(context, x), context.OutputName(1)));
            }
        }
        context.SetOutput(0, x);
    }

    // Opset 12 defines the inference mask as all true (kept). Before 12 its content was unspecified; ONNX Runtime,
    // our reference, fills it with zeros, typed like the input before opset 10 and bool from 10.
    private static Numerics.Tensor Mask(OnnxNodeContext context, Mil.Value x)
    {
        var shape = ConverterHelpers.StaticShape(context, x, "Dropout's mask output");
        if (context.Since < 12)
        {
            return Numerics.Tensor.Zeros(context.Since < 10 ? x.DataType : Numerics.DataType.Bool, shape);
        }
        var mask = new bool[Numerics.Broadcasting.Product(shape)];
        Array.Fill(mask, true);
        return Numerics.Tensor.Create(mask, shape);
    }
}
