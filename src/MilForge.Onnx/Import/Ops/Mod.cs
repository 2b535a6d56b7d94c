using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Mod with NumPy broadcasting. fmod=0 (integers only) is the floor modulo, the sign of the divisor: MIL <c>mod</c>.
/// fmod=1 is C's remainder, the sign of the dividend: the floor modulo r, minus the divisor where r is non-zero and
/// the operands' signs differ (<c>select</c>).
/// </summary>
[OnnxOp("Mod", 10, 13)]
internal sealed class Mod : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var y = context.Input(1);
        if (x.DataType != y.DataType)
        {
            throw context.Unsupported($"inputs have different element types ({x.DataType.MilName()} and {y.DataType.MilName()})");
        }
        if (x.DataType is not (DataType.Float16 or DataType.Float32 or DataType.Int32))
        {
            throw context.Unsupported($"Mod on {x.DataType.MilName()} is not supported");
        }
        var fmod = context.Attributes.Int("fmod", 0);
        if (fmod is not (0 or 1))
        {
            throw context.Unsupported($"fmod must be 0 or 1, got {fmod}");
        }
        if (fmod == 0 && x.DataType.IsFloat())
        {
            throw context.Unsupported("fmod=0 is defined for integer inputs only; floating-point Mod needs fmod=1");
        }
        var name = context.OutputName();
        if (fmod == 0)
        {
            context.SetOutput(0, context.Op("mod", new() { { "x", x }, { "y", y } }));
            return;
        }
        var floorMod = context.Op("mod", new() { { "x", x }, { "y", y } }, $"{name}_floor_mod");
        var zero = context.Scalar(0, x, "zero");
        Value Less(Value v, string suffix) => context.Op("less", new() { { "x", v }, { "y", zero } }, $"{name}_{suffix}");
        var signsDiffer = context.Op("logical_xor", new() { { "x", Less(x, "x_negative") }, { "y", Less(y, "y_negative") } }, $"{name}_signs_differ");
        var nonZero = context.Op("not_equal", new() { { "x", floorMod }, { "y", zero } }, $"{name}_non_zero");
        var adjust = context.Op("logical_and", new() { { "x", signsDiffer }, { "y", nonZero } }, $"{name}_adjust");
        var shifted = context.Op("sub", new() { { "x", floorMod }, { "y", y } }, $"{name}_shifted");
        context.SetOutput(0, context.Op("select", new() { { "cond", adjust }, { "a", shifted }, { "b", floorMod } }));
    }
}
