using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// Index tuples of GatherND/ScatterND (the last dim of indices addresses dims first, first+1, ... of x) may be
/// negative. Constant tuples are normalized at import; run-time ones are wrapped with select(i &lt; 0, i + dims, i)
/// from iOS17 (whose ops treat negative indices as out of range; iOS15/16 accept them as they are).
/// </summary>
internal static class NdIndices
{
    public static Value Normalize(OnnxNodeContext context, Value x, Value indices, int first)
    {
        var depthDim = indices.Shape.Rank == 0 ? Dim.Of(0) : indices.Shape[^1];
        if (indices.Shape.Rank < 1 || !depthDim.IsKnown || first + depthDim.Size > x.Shape.Rank)
        {
            throw context.Unsupported($"indices {indices.Shape} need a known last dim of at most {x.Shape.Rank - first} for data {x.Shape}");
        }
        var depth = (int)depthDim.Size;
        var dims = Enumerable.Range(first, depth).Select(d => x.Shape[d]).ToArray();
        if (indices.ConstantValue is { } constant && dims.All(d => d.IsKnown))
        {
            var values = constant.AsLongs();
            var normalized = new int[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var size = dims[i % depth].Size;
                var v = values[i] < 0 ? values[i] + size : values[i];
                if (v < 0 || v >= size)
                {
                    throw context.Unsupported($"index {values[i]} is out of range for dim {first + (i % depth)} of size {size}");
                }
                normalized[i] = (int)v;
            }
            return context.Const(Tensor.Create(normalized, constant.ShapeArray()), "indices");
        }
        if (context.Builder.Function.Target < DeploymentTarget.iOS17)
        {
            return indices;
        }
        if (!dims.All(d => d.IsKnown))
        {
            throw context.Unsupported($"run-time indices from iOS17 need the static sizes of the dims they address, [{string.Join(", ", dims)}]");
        }
        var name = context.OutputName();
        indices = ConverterHelpers.CastTo(context, indices, DataType.Int32, "indices_i32");
        var sizes = context.Const(Tensor.Vector([.. dims.Select(d => (int)d.Size)]), "dims");
        var negative = context.Op("less", new() { { "x", indices }, { "y", 0 } }, $"{name}_negative");
        var wrapped = context.Op("add", new() { { "x", indices }, { "y", sizes } }, $"{name}_wrapped");
        return context.Op("select", new() { { "cond", negative }, { "a", wrapped }, { "b", indices } }, $"{name}_indices");
    }
}
