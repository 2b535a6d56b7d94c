using MilForge.Diagnostics;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Core ML has no bitwise ops and MIL no unsigned types (integers are int32). BitwiseNot is exact arithmetic on the
/// two's-complement value: ~x = −1 − x for signed integers (never overflows) and (2^bits − 1) − x for uint8/uint16,
/// whose values fit int32. BitwiseAnd/Or/Xor have no cheap exact arithmetic form (one floor_div/mod per bit), and
/// BitShift is defined on unsigned types only, so both are refused with ONNX1007 naming why.
/// </summary>
[OnnxOp("BitwiseNot", 18)]
[OnnxOp("BitwiseAnd", 18)]
[OnnxOp("BitwiseOr", 18)]
[OnnxOp("BitwiseXor", 18)]
[OnnxOp("BitShift", 11)]
internal sealed class BitwiseOps : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        if (context.OpType != "BitwiseNot")
        {
            var why = context.OpType == "BitShift"
                ? "BitShift is defined on unsigned integers, which MIL lacks, and Core ML has no shift op"
                : "Core ML has no bitwise ops, and an exact arithmetic form needs one floor_div/mod step per bit";
            throw context.Error(DiagnosticCodes.OnnxUnsupportedType, $"{why}; {context.OpType} cannot be converted");
        }
        var x = context.Input(0);
        var declared = context.DeclaredType(0);
        double allOnes = declared switch
        {
            DataType.Int8 or DataType.Int16 or DataType.Int32 or DataType.Int64 => -1,
            DataType.UInt8 => byte.MaxValue,
            DataType.UInt16 => ushort.MaxValue,
            _ => throw context.Error(DiagnosticCodes.OnnxUnsupportedType,
                $"BitwiseNot of {(declared is { } t ? t.ToString() : "an undeclared type")} is not supported: Core ML has no bitwise ops and MIL no unsigned " +
                "types, so only signed integers, uint8 and uint16 (as −1 − x and 2^bits − 1 − x in int32) convert"),
        };
        context.SetOutput(0, context.Op("sub", new() { { "x", context.Scalar(allOnes, x, "all_ones") }, { "y", x } }));
    }
}
