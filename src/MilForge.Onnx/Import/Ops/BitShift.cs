using MilForge.Diagnostics;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// BitShift (11) on unsigned integers by exact int32 arithmetic with 2^s looked up in a constant table: RIGHT is
/// floor_div(x, 2^s), LEFT is mod(x·2^s, 2^bits); a shift of the type's width or more gives 0. LEFT works on uint8
/// and uint16 (x·2^s stays below 2^31); RIGHT also on uint32 and uint64, which MilForge holds in int32 (values must
/// fit it). LEFT on uint32/uint64 is refused: its result needs all 32 or 64 bits, which int32 cannot hold.
/// </summary>
[OnnxOp("BitShift", 11)]
internal sealed class BitShift : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var direction = context.Attributes.String("direction", "");
        if (direction is not ("LEFT" or "RIGHT"))
        {
            throw context.Unsupported($"direction '{direction}' is neither LEFT nor RIGHT");
        }
        var declared = context.DeclaredType(0) ?? context.DeclaredType(1);
        var width = declared switch
        {
            DataType.UInt8 => 8,
            DataType.UInt16 => 16,
            DataType.UInt32 or DataType.UInt64 when direction == "RIGHT" => 31,
            DataType.UInt32 or DataType.UInt64 => throw context.Error(DiagnosticCodes.OnnxUnsupportedType, $"BitShift LEFT of {declared} is not supported: "
                + "Core ML has no shift op and MIL no unsigned types, and a left shift's result needs all 32 or 64 bits, which int32 cannot hold "
                + "(uint8/uint16 shifts and uint32/uint64 right shifts convert)"),
            _ => throw context.Error(DiagnosticCodes.OnnxUnsupportedType, $"BitShift {direction} of {(declared is { } t ? t.ToString() : "an undeclared type")} is not supported: "
                + "Core ML has no shift op and MIL no unsigned types, so only uint8/uint16 shifts and uint32/uint64 right shifts (exact in int32) convert"),
        };
        var (x, s) = (context.Input(0), context.Input(1));
        var name = context.OutputName();
        var table = context.Const(Tensor.Vector([.. Enumerable.Range(0, width).Select(k => 1 << k)]), "powers_of_two");
        var limit = context.Const(Tensor.Scalar(width), "width");
        var clamped = context.Op("minimum", new() { { "x", s }, { "y", context.Const(Tensor.Scalar(width - 1), "largest_shift") } }, $"{name}_shift");
        var power = context.Op("gather", new() { { "x", table }, { "indices", clamped }, { "axis", 0 } }, $"{name}_power");
        var shifted = direction == "RIGHT"
            ? context.Op("floor_div", new() { { "x", x }, { "y", power } }, $"{name}_shifted")
            : context.Op("mod", new()
            {
                { "x", context.Op("mul", new() { { "x", x }, { "y", power } }, $"{name}_scaled") }, { "y", context.Const(Tensor.Scalar(1 << width), "modulus") },
            }, $"{name}_shifted");
        var inRange = context.Op("less", new() { { "x", s }, { "y", limit } }, $"{name}_in_range");
        context.SetOutput(0, context.Op("select", new() { { "cond", inRange }, { "a", shifted }, { "b", context.Const(Tensor.Scalar(0), "zero") } }));
    }
}
