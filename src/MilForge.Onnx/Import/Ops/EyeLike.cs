using MilForge.Numerics;
using MilForge.Onnx.Reading;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// EyeLike: a const of the input's (static, 2-D) shape with ones on the k-th diagonal, in the dtype attribute's type
/// (narrowed as elsewhere: int64 → int32, double → fp32) or the input's.
/// </summary>
[OnnxOp("EyeLike", 9, 22)]
internal sealed class EyeLike : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var shape = ConverterHelpers.StaticShape(context, x, "EyeLike");
        if (shape.Length != 2)
        {
            throw context.Unsupported($"the input must be 2-D, got {x.Shape}");
        }
        var type = x.DataType;
        if (context.Attributes.Has("dtype"))
        {
            var code = (int)context.Attributes.Int("dtype");
            type = OnnxDataTypes.ToDataType(code) is { } t ? OnnxDataTypes.ToMil(t) : throw context.Unsupported($"dtype {OnnxDataTypes.Name(code)} is not supported");
        }
        if (type is not (DataType.Float16 or DataType.Float32 or DataType.Int32 or DataType.Bool))
        {
            throw context.Unsupported($"EyeLike of {type.MilName()} is not supported");
        }
        var k = context.Attributes.Int("k", 0);
        var (rows, cols) = (shape[0], shape[1]);
        var values = new double[rows * cols];
        for (var i = 0; i < rows; i++)
        {
            var j = i + k;
            if (j >= 0 && j < cols)
            {
                values[(i * cols) + j] = 1;
            }
        }
        context.SetOutput(0, context.Builder.Const(Tensor.FromDoubles(values, shape, type), context.OutputName()));
    }
}
