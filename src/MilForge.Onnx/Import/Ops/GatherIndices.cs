using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// ONNX gather indices may be negative (counting from the end). Constant indices are normalized at import; run-time
/// ones are wrapped with select(i &lt; 0, i + dim, i) from iOS17, whose gather ops treat negative indices as out of
/// range (iOS15/16 accept them as they are).
/// </summary>
internal static class GatherIndices
{
    public static Value Normalize(OnnxNodeContext context, Value x, Value indices, int axis)
    {
        var dim = x.Shape[axis];
        if (indices.ConstantValue is { } constant && dim.IsKnown)
        {
            var values = constant.AsLongs();
            var normalized = new int[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i] < 0 ? values[i] + dim.Size : values[i];
                if (v < 0 || v >= dim.Size)
                {
                    throw context.Unsupported($"index {values[i]} is out of range for axis {axis} of size {dim}");
                }
                normalized[i] = (int)v;
            }
            return context.Const(Tensor.Create(normalized, constant.ShapeArray()), "indices");
        }
        if (context.Builder.Function.Target < DeploymentTarget.iOS17)
        {
            return indices;
        }
        var name = context.OutputName();
        indices = ConverterHelpers.CastTo(context, indices, DataType.Int32, "indices_i32");
        Value size = dim.IsKnown ? context.Const(Tensor.Scalar((int)dim.Size), "dim")
            : context.Op("gather", new() { { "x", context.Op("shape", new() { { "x", x } }, $"{name}_shape") }, { "indices", axis }, { "axis", 0 } }, $"{name}_dim");
        var negative = context.Op("less", new() { { "x", indices }, { "y", 0 } }, $"{name}_negative");
        var wrapped = context.Op("add", new() { { "x", indices }, { "y", size } }, $"{name}_wrapped");
        return context.Op("select", new() { { "cond", negative }, { "a", wrapped }, { "b", indices } }, $"{name}_indices");
    }
}
