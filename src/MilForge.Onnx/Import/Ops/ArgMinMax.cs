using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// ArgMax/ArgMin → MIL <c>reduce_argmax</c>/<c>reduce_argmin</c> (axis default 0, keepdims default 1). MIL takes the
/// first extremum; select_last_index=1 (opset 12) is expressed exactly by reversing the axis with a constant gather,
/// taking the first extremum there and mapping index i back to L−1−i (needs the axis length L statically). The int64
/// indices of ONNX are int32 in Core ML, as for every index output.
/// </summary>
[OnnxOp("ArgMax", 1, 11, 12, 13)]
[OnnxOp("ArgMin", 1, 11, 12, 13)]
internal sealed class ArgMinMax : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var x = context.Input(0);
        var axis = ConverterHelpers.NormalizeAxis(context, context.Attributes.Int("axis", 0), x.Shape.Rank);
        var keep = context.Attributes.Int("keepdims", 1) != 0;
        var last = context.Attributes.Int("select_last_index", 0) != 0;
        var op = context.OpType == "ArgMax" ? "reduce_argmax" : "reduce_argmin";
        if (!last)
        {
            context.SetOutput(0, context.Op(op, new() { { "x", x }, { "axis", axis }, { "keep_dims", keep } }));
            return;
        }
        var dim = x.Shape[axis];
        if (!dim.IsKnown)
        {
            throw context.Unsupported($"select_last_index needs the static length of axis {axis}, which is {dim}");
        }
        var length = (int)dim.Size;
        var name = context.OutputName();
        var reversedOrder = context.Const(Tensor.Vector([.. Enumerable.Range(0, length).Reverse()]), "reversed_order");
        var reversed = context.Op("gather", new() { { "x", x }, { "indices", reversedOrder }, { "axis", axis } }, $"{name}_reversed");
        var first = context.Op(op, new() { { "x", reversed }, { "axis", axis }, { "keep_dims", keep } }, $"{name}_in_reversed");
        context.SetOutput(0, context.Op("sub", new() { { "x", context.Const(Tensor.Scalar(length - 1), "last") }, { "y", first } }));
    }
}
