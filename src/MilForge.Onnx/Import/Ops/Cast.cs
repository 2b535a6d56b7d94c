using MilForge.Numerics;
using MilForge.Onnx.Reading;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Cast → MIL <c>cast</c> to the MIL counterpart of the target type (64-bit and narrow ints → int32, double → fp32;
/// iOS17+ keeps int8/uint8/int16/uint16). A cast to the type the value already has is dropped.
/// </summary>
[OnnxOp("Cast", 1, 6, 9, 13, 19, 21)]
[OnnxOp("CastLike", 15, 19, 21)]
internal sealed class Cast : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        DataType target;
        if (context.OpType == "CastLike")
        {
            if (context.DeclaredType(1) == DataType.BFloat16)
            {
                throw context.Unsupported("Core ML has no bfloat16 type, so a cast to bfloat16 (which rounds) cannot be expressed");
            }
            target = context.Input(1).DataType;
        }
        else
        {
            var code = (int)context.Attributes.Int("to");
            var type = OnnxDataTypes.ToDataType(code) ?? throw context.Unsupported($"cast to {OnnxDataTypes.Name(code)} is not supported");
            if (type == DataType.String || x.DataType == DataType.String)
            {
                throw context.Unsupported("casts from or to string are not supported by Core ML");
            }
            if (type == DataType.BFloat16)
            {
                throw context.Unsupported("Core ML has no bfloat16 type, so a cast to bfloat16 (which rounds) cannot be expressed");
            }
            target = OnnxDataTypes.ToMil(type);
        }
        if (target == x.DataType)
        {
            context.SetOutput(0, x);
            return;
        }
        context.SetOutput(0, context.Op("cast", new() { { "x", x }, { "dtype", target.MilName() } }));
    }
}
