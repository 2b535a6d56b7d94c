using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.TensorTransform;

/// <summary><c>reverse</c>: a gather that mirrors the index along each reversed axis (any element type).</summary>
internal sealed class ReverseKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["reverse"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var x = context.Input("x");
        var shape = x.ShapeArray();
        var reversed = new bool[shape.Length];
        foreach (var axis in context.Ints("axes") ?? [.. Enumerable.Range(0, shape.Length)])
        {
            if (axis < -shape.Length || axis >= Math.Max(1, shape.Length))
            {
                throw context.Error($"axis {axis} is out of range for rank {shape.Length}");
            }
            if (shape.Length > 0)
            {
                reversed[axis < 0 ? axis + shape.Length : axis] = true;
            }
        }
        var strides = Broadcasting.Strides(shape);
        var map = new int[x.Length];
        var index = new int[shape.Length];
        for (var i = 0; i < map.Length; i++)
        {
            var source = 0;
            for (var d = 0; d < shape.Length; d++)
            {
                source += (reversed[d] ? shape[d] - 1 - index[d] : index[d]) * strides[d];
            }
            map[i] = source;
            for (var d = shape.Length - 1; d >= 0 && ++index[d] == shape[d]; d--)
            {
                index[d] = 0;
            }
        }
        return [TensorGather.Take(x, map, shape).CastTo(context.OutputType())];
    }
}
