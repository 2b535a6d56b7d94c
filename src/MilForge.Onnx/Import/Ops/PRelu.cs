namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// PRelu: x if x ≥ 0 else slope·x, with slope broadcasting to x. A constant per-channel slope on a rank ≥ 3 input is
/// MIL <c>prelu</c>; any other slope becomes select(x ≥ 0, x, slope·x).
/// </summary>
[OnnxOp("PRelu", 1, 6, 7, 9, 16)]
internal sealed class PRelu : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var slope = context.Input(1);
        var name = context.OutputName();
        if (context.Since < 7 && slope.ConstantValue is { Rank: 1 } legacy && x.Shape.Rank >= 2 && legacy.Length > 1)
        {
            // Before opset 7 a 1-D slope is per channel (axis 1), not broadcast from the right.
            var perChannel = Enumerable.Repeat(1, x.Shape.Rank - 1).ToArray();
            perChannel[0] = legacy.Length;
            slope = context.Const(legacy.Reshape(perChannel), "slope");
        }
        if (slope.ConstantValue is { } s && IsPerChannel(s.ShapeArray(), x.Shape))
        {
            var alpha = context.Const(s.Reshape([s.Length]), "alpha");
            context.SetOutput(0, context.Op("prelu", new() { { "x", x }, { "alpha", alpha } }));
            return;
        }
        var scaled = context.Op("mul", new() { { "x", x }, { "y", slope } }, $"{name}_scaled");
        var positive = context.Op("greater_equal", new() { { "x", x }, { "y", context.Scalar(0, x, "zero") } }, $"{name}_positive");
        context.SetOutput(0, context.Op("select", new() { { "cond", positive }, { "a", x }, { "b", scaled } }));
    }

    // Per-channel: aligned to x's rank, the slope is 1 everywhere except dim 1, where it is C.
    private static bool IsPerChannel(int[] slope, Numerics.Shape x)
    {
        if (x.Rank < 3 || slope.Length > x.Rank || !x[1].IsKnown)
        {
            return false;
        }
        var aligned = Enumerable.Repeat(1, x.Rank - slope.Length).Concat(slope).ToArray();
        return aligned[1] == x[1].Size && aligned.Where((d, i) => i != 1).All(d => d == 1);
    }
}
