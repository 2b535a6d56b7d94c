namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Identity and inference-mode Dropout pass their input through without an op. Dropout's mask output (all true in
/// inference) becomes a constant when the input shape is static; training mode is not supported.
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
                var shape = ConverterHelpers.StaticShape(context, x, "Dropout's mask output");
                var mask = new bool[Numerics.Broadcasting.Product(shape)];
                Array.Fill(mask, true);
                context.SetOutput(1, context.Builder.Const(Numerics.Tensor.Create(mask, shape), context.OutputName(1)));
            }
        }
        context.SetOutput(0, x);
    }
}
