namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Expand to a constant shape (bidirectional broadcast): reshape x to the output rank, then <c>tile</c> the unit dims
/// that grow. An expand that changes nothing is an identity.
/// </summary>
[OnnxOp("Expand", 8, 13)]
internal sealed class Expand : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var target = context.RequireConstant(1, "shape").AsInts();
        var shape = ConverterHelpers.StaticShape(context, x, "Expand");
        var output = Numerics.Broadcasting.TryBroadcast(shape, target)
            ?? throw context.Unsupported($"shape [{string.Join(", ", target)}] does not broadcast with the input [{string.Join(", ", shape)}]");
        var aligned = Enumerable.Repeat(1, output.Length - shape.Length).Concat(shape).ToArray();
        var name = context.OutputName();
        var reps = output.Select((d, i) => aligned[i] == d ? 1 : d).ToArray();
        if (reps.All(r => r == 1))
        {
            var same = ConverterHelpers.Reshape(context, x, output, name);
            context.SetOutput(0, same == x ? context.Op("identity", new() { { "x", x } }) : same);
            return;
        }
        var reshaped = ConverterHelpers.Reshape(context, x, aligned, $"{name}_aligned");
        context.SetOutput(0, context.Op("tile", new() { { "x", reshaped }, { "reps", reps } }));
    }
}
