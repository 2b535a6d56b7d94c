using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>ConstantOfShape: a tensor of the given (constant) shape filled with the one-element <c>value</c> (default fp32 0).</summary>
[OnnxOp("ConstantOfShape", 9, 20, 21)]
internal sealed class ConstantOfShape : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var shape = context.RequireConstant(0, "shape").AsInts();
        if (shape.Any(d => d < 0))
        {
            throw context.Unsupported($"negative size in shape [{string.Join(", ", shape)}]");
        }
        var fill = context.Attributes.Tensor("value", context.ModelDirectory) ?? Tensor.Scalar(0f);
        if (fill.Length != 1)
        {
            throw context.Unsupported("value must hold exactly one element");
        }
        fill = ImportState.ToMilConstant(fill);
        var count = Broadcasting.Product(shape);
        var data = Array.CreateInstance(fill.DataType.StorageType(), count);
        for (var i = 0; i < count; i++)
        {
            data.SetValue(fill.Data.GetValue(0), i);
        }
        context.SetOutput(0, context.Builder.Const(Tensor.Create(fill.DataType, shape, data), context.OutputName()));
    }
}
