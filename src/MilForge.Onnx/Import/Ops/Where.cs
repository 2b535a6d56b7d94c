namespace MilForge.Onnx.Import.Ops;

/// <summary>Where(cond, x, y) → MIL <c>select</c>.</summary>
[OnnxOp("Where", 9, 16)]
internal sealed class Where : IOnnxConverter
{
    public void Convert(OnnxNodeContext context) =>
        context.SetOutput(0, context.Op("select", new() { { "cond", context.Input(0) }, { "a", context.Input(1) }, { "b", context.Input(2) } }));
}
