using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>Constant: the value from whichever attribute is set (value, value_float(s), value_int(s), value_string(s)).</summary>
[OnnxOp("Constant", 1, 9, 11, 12, 13, 19, 21)]
internal sealed class Constant : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var a = context.Attributes;
        Tensor? value = a.Tensor("value", context.ModelDirectory);
        if (value is null && a.Has("value_float"))
        {
            value = Tensor.Scalar(a.Float("value_float", 0));
        }
        if (value is null && a.Floats("value_floats") is { } floats)
        {
            value = Tensor.Vector(floats);
        }
        if (value is null && a.Has("value_int"))
        {
            value = Tensor.Scalar(a.Int("value_int", 0));
        }
        if (value is null && a.Ints("value_ints") is { } ints)
        {
            value = Tensor.Vector(ints);
        }
        if (value is null && a.Has("value_string"))
        {
            value = Tensor.Scalar(a.String("value_string", ""));
        }
        if (value is null && a.Strings("value_strings") is { } strings)
        {
            value = Tensor.Vector(strings);
        }
        if (value is null)
        {
            throw context.Unsupported(a.Has("sparse_value") ? "sparse constants are not supported" : "no value attribute is set");
        }
        context.SetOutput(0, context.Builder.Const(ImportState.ToMilConstant(value), context.OutputName()));
    }
}
