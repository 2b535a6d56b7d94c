using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// CumProd (opset 26). MIL has no cumulative product, so for a static axis length L it is unrolled exactly: the L
/// slices along the axis are multiplied in order (from the end when reverse) into running products, which are
/// concatenated back; exclusive shifts in a slice of ones. Each step is one rounding, as in a sequential loop, so
/// the result equals ONNX Runtime's. Limits: L must be static and at most <see cref="MaxLength"/> (2L ops).
/// </summary>
[OnnxOp("CumProd", 26)]
internal sealed class CumProd : IOnnxConverter
{
    /// <summary>The longest axis unrolled (the program grows by about two ops per element of the axis).</summary>
    public const int MaxLength = 256;

    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var axis = CumulativeAxis.Read(context, x);
        var exclusive = context.Attributes.Int("exclusive", 0) != 0;
        var reverse = context.Attributes.Int("reverse", 0) != 0;
        var dim = x.Shape[axis];
        if (!dim.IsKnown || dim.Size > MaxLength)
        {
            throw context.Unsupported($"CumProd is unrolled along its axis and needs a static length of at most {MaxLength}; axis {axis} is {dim}");
        }
        var length = (int)dim.Size;
        if ((length <= 1 && !exclusive) || length == 0)
        {
            context.SetOutput(0, context.Op("identity", new() { { "x", x } }));
            return;
        }
        var name = context.OutputName();
        var slices = context.Builder.Build("split", new() { { "x", x }, { "num_splits", length }, { "axis", axis } }, $"{name}_slices");
        var products = new Value[length];
        Value? running = null;
        for (var step = 0; step < length; step++)
        {
            var j = reverse ? length - 1 - step : step;
            if (exclusive)
            {
                products[j] = running ?? Ones(context, slices[j], name);
                running = running is null ? slices[j] : context.Op("mul", new() { { "x", running }, { "y", slices[j] } }, $"{name}_p{step}");
            }
            else
            {
                running = running is null ? slices[j] : context.Op("mul", new() { { "x", running }, { "y", slices[j] } }, $"{name}_p{step}");
                products[j] = running;
            }
        }
        context.SetOutput(0, context.Op("concat", new() { { "values", products }, { "axis", axis } }));
    }

    // A slice of ones shaped like one step: fill of the slice's shape (static here except for other symbolic dims).
    private static Value Ones(OnnxNodeContext context, Value like, string name)
    {
        if (like.Shape.IsStatic)
        {
            var shape = like.Shape.ToStatic();
            return context.Const(Tensor.FromDoubles(Enumerable.Repeat(1.0, Broadcasting.Product(shape)).ToArray(), shape, like.DataType), "ones");
        }
        var shapeOf = context.Op("shape", new() { { "x", like } }, $"{name}_step_shape");
        return context.Op("fill", new() { { "shape", shapeOf }, { "value", context.Scalar(1, like, "one") } }, $"{name}_ones");
    }
}
