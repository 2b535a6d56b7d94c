using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Core ML has no bitwise ops and MIL no unsigned types (integers are int32). BitwiseNot is exact arithmetic on the
/// two's-complement value: ~x = −1 − x for signed integers (never overflows) and (2^bits − 1) − x for uint8/uint16,
/// whose values fit int32. Wider unsigned types are refused: their complement does not fit int32.
/// </summary>
[OnnxOp("BitwiseNot", 18)]
internal sealed class BitwiseNot : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
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

/// <summary>
/// BitwiseAnd, BitwiseOr and BitwiseXor by exact int32 arithmetic, bit by bit along a new last axis: bit k of the
/// two's-complement value v is q − 2·floor_div(q, 2) with q = floor_div(v, 2^k) (floor division keeps this right for
/// negative v); the bits are combined as a·b, a + b − a·b or a + b − 2·a·b, weighted by 2^k and summed, and a sign bit
/// adds −2^width. Signed types use width − 1 value bits and the sign; uint8/uint16 their 8 or 16 bits. int64, uint32
/// and uint64 are held in int32 by MilForge (values must fit it), where their bits are those of the 32-bit value; an
/// undeclared type is treated so too, which is exact for every integer held in int32.
/// </summary>
[OnnxOp("BitwiseAnd", 18)]
[OnnxOp("BitwiseOr", 18)]
[OnnxOp("BitwiseXor", 18)]
internal sealed class BitwiseBinary : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var (a, b) = (context.Input(0), context.Input(1));
        if (a.DataType != DataType.Int32 || b.DataType != DataType.Int32)
        {
            throw context.Error(DiagnosticCodes.OnnxUnsupportedType,
                $"{context.OpType} needs integer inputs, got {a.DataType.MilName()} and {b.DataType.MilName()}");
        }
        var (valueBits, signed) = Layout(context.DeclaredType(0) ?? context.DeclaredType(1));
        var name = context.OutputName();
        var weights = context.Const(Tensor.Vector([.. Enumerable.Range(0, valueBits).Select(k => 1 << k)]), "bit_weights");
        var (bitsA, bitsB) = (Bits(context, a, weights, $"{name}_a"), Bits(context, b, weights, $"{name}_b"));
        var combined = Combine(context, bitsA, bitsB, $"{name}_bits");
        var value = context.Op("reduce_sum", new()
        {
            { "x", context.Op("mul", new() { { "x", combined }, { "y", weights } }, $"{name}_weighted") }, { "axes", new[] { -1 } }, { "keep_dims", false },
        }, signed ? $"{name}_low" : name);
        if (signed)
        {
            var zero = context.Const(Tensor.Scalar(0), "zero");
            var sign = context.Op(context.OpType switch { "BitwiseAnd" => "logical_and", "BitwiseOr" => "logical_or", _ => "logical_xor" }, new()
            {
                { "x", context.Op("less", new() { { "x", a }, { "y", zero } }, $"{name}_a_negative") },
                { "y", context.Op("less", new() { { "x", b }, { "y", zero } }, $"{name}_b_negative") },
            }, $"{name}_negative");
            var lowest = context.Const(Tensor.Scalar(valueBits == 31 ? int.MinValue : -(1 << valueBits)), "sign_weight");
            value = context.Op("select", new() { { "cond", sign }, { "a", context.Op("add", new() { { "x", value }, { "y", lowest } }, $"{name}_signed") }, { "b", value } });
        }
        context.SetOutput(0, value);
    }

    /// <summary>The value bits and whether a sign bit follows, for the ONNX type as MilForge holds it in int32.</summary>
    private static (int ValueBits, bool Signed) Layout(DataType? declared) => declared switch
    {
        DataType.Int8 => (7, true),
        DataType.Int16 => (15, true),
        DataType.UInt8 => (8, false),
        DataType.UInt16 => (16, false),
        _ => (31, true),
    };

    /// <summary>The low value bits of v (0 or 1) along a new last axis.</summary>
    private static Value Bits(OnnxNodeContext context, Value v, Value weights, string name)
    {
        var two = context.Const(Tensor.Scalar(2), "two");
        var expanded = context.Op("expand_dims", new() { { "x", v }, { "axes", new[] { -1 } } }, $"{name}_expanded");
        var shifted = context.Op("floor_div", new() { { "x", expanded }, { "y", weights } }, $"{name}_shifted");
        var halved = context.Op("floor_div", new() { { "x", shifted }, { "y", two } }, $"{name}_halved");
        return context.Op("sub", new() { { "x", shifted }, { "y", context.Op("mul", new() { { "x", halved }, { "y", two } }, $"{name}_even") } }, $"{name}_bits");
    }

    private static Value Combine(OnnxNodeContext context, Value a, Value b, string name)
    {
        var both = context.Op("mul", new() { { "x", a }, { "y", b } }, $"{name}_both");
        if (context.OpType == "BitwiseAnd")
        {
            return both;
        }
        var sum = context.Op("add", new() { { "x", a }, { "y", b } }, $"{name}_sum");
        var overlap = context.OpType == "BitwiseOr" ? both : context.Op("mul", new() { { "x", both }, { "y", context.Const(Tensor.Scalar(2), "two") } }, $"{name}_both_twice");
        return context.Op("sub", new() { { "x", sum }, { "y", overlap } }, name);
    }
}
