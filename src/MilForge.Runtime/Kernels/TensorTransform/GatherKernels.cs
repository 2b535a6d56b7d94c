using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.TensorTransform;

/// <summary>
/// <c>gather</c> and <c>gather_along_axis</c>. Negative indices count from the end before iOS17 and are out of range
/// from iOS17, as in Core ML; an index outside the dim is an error (RUN4003) naming the op, not a crash.
/// </summary>
internal sealed class GatherKernels : IKernel
{
    public IEnumerable<string> OpTypes => ["gather", "gather_along_axis"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var x = context.Input("x");
        var indices = context.Input("indices");
        var axis = Shape.NormalizeAxis(context.Int("axis", 0), x.Rank);
        var dim = x.Shape[axis];
        var idx = indices.AsLongs();
        var normalized = new int[idx.Length];
        // From iOS17 Core ML's gather ops take indices in [0, dim) only: a negative index is out of range.
        var negativeAllowed = context.Op.Parent?.Function.Target is not { } target || target < Mil.DeploymentTarget.iOS17;
        for (var i = 0; i < idx.Length; i++)
        {
            var v = idx[i] < 0 && negativeAllowed ? idx[i] + dim : idx[i];
            if (v < 0 || v >= dim)
            {
                throw context.Error($"index {idx[i]} is out of range for axis {axis} of size {dim}"
                    + (idx[i] < 0 && !negativeAllowed ? " (negative indices are out of range from iOS17)" : ""));
            }
            normalized[i] = (int)v;
        }
        var outer = Broadcasting.Product(x.Shape.AsSpan().Slice(0, axis));
        var inner = Broadcasting.Product(x.Shape.AsSpan()[(axis + 1)..]);
        if (context.Op.Type == "gather_along_axis")
        {
            var shape = indices.ShapeArray();
            var idxStrides = Broadcasting.Strides(shape);
            var xStrides = Broadcasting.Strides(x.ShapeArray());
            var map = new int[normalized.Length];
            for (var i = 0; i < map.Length; i++)
            {
                var rest = i;
                var flat = 0;
                for (var d = 0; d < shape.Length; d++)
                {
                    var coordinate = rest / idxStrides[d];
                    rest %= idxStrides[d];
                    flat += (d == axis ? normalized[i] : coordinate) * xStrides[d];
                }
                map[i] = flat;
            }
            return [TensorGather.Take(x, map, shape)];
        }
        var gathered = new int[outer * normalized.Length * inner];
        var n = 0;
        for (var o = 0; o < outer; o++)
        {
            foreach (var v in normalized)
            {
                for (var k = 0; k < inner; k++)
                {
                    gathered[n++] = (((o * dim) + v) * inner) + k;
                }
            }
        }
        int[] outShape = [.. x.Shape.Take(axis), .. indices.Shape, .. x.Shape.Skip(axis + 1)];
        return [TensorGather.Take(x, gathered, outShape)];
    }
}
