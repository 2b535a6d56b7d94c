using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// OneHot → MIL <c>one_hot</c>. Constant values ([off, on]) become its on/off values; run-time values are chosen by a
/// bool one-hot mask. A run-time depth gives a symbolic dim. Negative indices count from the end (i &lt; 0 → i + depth,
/// folded for constant indices), indices still out of range give all-off vectors. Float indices
/// that are not whole numbers match no position (as ONNX Runtime); int64 values are int32 and double values fp32 in Core ML.
/// </summary>
[OnnxOp("OneHot", 9, 11)]
internal sealed class OneHot : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var indices = context.Input(0);
        var axis = ConverterHelpers.NormalizeAxis(context, context.Attributes.Int("axis", -1), indices.Shape.Rank + 1);
        var name = context.OutputName();
        var size = Depth(context, name);
        var positions = ConverterHelpers.CastTo(context, indices, DataType.Int32, "indices_i32");
        if (indices.DataType.IsFloat())
        {
            // As ONNX Runtime: a non-integral float index matches no position (it is sent out of range).
            var whole = context.Op("equal", new() { { "x", indices }, { "y", context.Op("floor", new() { { "x", indices } }, $"{name}_floor") } }, $"{name}_whole");
            positions = context.Op("select", new() { { "cond", whole }, { "a", positions }, { "b", size } }, $"{name}_integral");
        }
        var negative = context.Op("less", new() { { "x", positions }, { "y", 0 } }, $"{name}_negative");
        var wrapped = context.Op("add", new() { { "x", positions }, { "y", size } }, $"{name}_wrapped");
        positions = context.Op("select", new() { { "cond", negative }, { "a", wrapped }, { "b", positions } }, $"{name}_indices");
        var args = new Mil.Building.OpArgs { { "indices", positions }, { "one_hot_vector_size", size }, { "axis", axis } };
        if (context.ConstantInput(2) is { } values)
        {
            if (values.Length != 2)
            {
                throw context.Unsupported($"values must hold [off, on], got {values.Length} values");
            }
            var type = values.DataType switch
            {
                DataType.Int64 or DataType.Int16 or DataType.Int8 or DataType.UInt8 or DataType.UInt16 => DataType.Int32,
                DataType.Float64 => DataType.Float32,
                DataType.Float32 or DataType.Float16 or DataType.Int32 or DataType.Bool => values.DataType,
                _ => throw context.Unsupported($"values of type {values.DataType.MilName()} are not supported"),
            };
            args.Add("on_value", context.Const(Tensor.FromDoubles([values.GetDouble(1)], [], type), "on"));
            args.Add("off_value", context.Const(Tensor.FromDoubles([values.GetDouble(0)], [], type), "off"));
            context.SetOutput(0, context.Op("one_hot", args));
            return;
        }
        // Run-time values: a bool one-hot mask selects between values[1] and values[0].
        var given = context.Input(2);
        if (given.Shape.Rank != 1 || given.Shape[0] is { IsKnown: true, Size: not 2 })
        {
            throw context.Unsupported($"values must be [off, on], got {given.Shape}");
        }
        args.Add("on_value", true);
        args.Add("off_value", false);
        var mask = context.Op("one_hot", args, $"{name}_mask");
        var on = context.Op("gather", new() { { "x", given }, { "indices", 1 }, { "axis", 0 } }, $"{name}_on");
        var off = context.Op("gather", new() { { "x", given }, { "indices", 0 }, { "axis", 0 } }, $"{name}_off");
        context.SetOutput(0, context.Op("select", new() { { "cond", mask }, { "a", on }, { "b", off } }));
    }

    // depth as an int32 scalar: folded when constant, else the run-time value (truncated to an integer).
    private static Value Depth(OnnxNodeContext context, string name)
    {
        if (context.ConstantInput(1) is { } constant)
        {
            if (constant.Length != 1)
            {
                throw context.Unsupported($"depth must hold one value, got {constant.Length}");
            }
            var depth = Math.Truncate(constant.GetDouble(0));
            return depth is >= 0 and <= int.MaxValue ? context.Const(Tensor.Scalar((int)depth), "depth")
                : throw context.Unsupported($"depth {constant.GetDouble(0)} is out of range");
        }
        var given = context.Input(1);
        if (given.Shape.Rank > 1 || (given.Shape.Rank == 1 && given.Shape[0] is { IsKnown: true, Size: not 1 }))
        {
            throw context.Unsupported($"depth must hold one value, got {given.Shape}");
        }
        var scalar = given.Shape.Rank == 1 ? context.Op("gather", new() { { "x", given }, { "indices", 0 }, { "axis", 0 } }, $"{name}_depth_scalar") : given;
        return ConverterHelpers.CastTo(context, scalar, DataType.Int32, "depth_i32");
    }
}

/// <summary>
/// Hardmax: 1 at the first maximum along the axis, 0 elsewhere, as reduce_argmax → one_hot (needs the axis length
/// statically). Before opset 13 the input is coerced to 2-D at <c>axis</c> (default 1) and rows are taken, as Softmax.
/// </summary>
[OnnxOp("Hardmax", 1, 11, 13)]
internal sealed class Hardmax : IOnnxConverter
{
    public void Convert(OnnxNodeContext context) =>
        ConverterHelpers.ApplyAlongAxisOrRows(context, (x, axis, name) => OneHotOfArgmax(context, x, axis, name));

    private static Value OneHotOfArgmax(OnnxNodeContext context, Value x, int axis, string name)
    {
        var dim = x.Shape[axis];
        if (!dim.IsKnown)
        {
            throw context.Unsupported($"Hardmax needs the static length of axis {axis}, which is {dim}");
        }
        var index = context.Op("reduce_argmax", new() { { "x", x }, { "axis", axis }, { "keep_dims", false } }, $"{name}_argmax");
        return context.Op("one_hot", new()
        {
            { "indices", index },
            { "one_hot_vector_size", (int)dim.Size },
            { "axis", axis },
            { "on_value", context.Scalar(1, x, "on") },
            { "off_value", context.Scalar(0, x, "off") },
        }, name);
    }
}
