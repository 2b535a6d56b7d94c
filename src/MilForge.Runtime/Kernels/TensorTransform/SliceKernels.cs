using MilForge.Mil.Ops.TensorTransform;
using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.TensorTransform;

/// <summary><c>slice_by_index</c>, <c>slice_by_size</c> and <c>slice_update</c> (the same slice, written instead of read).</summary>
internal sealed class SliceKernels : IKernel
{
    public IEnumerable<string> OpTypes => ["slice_by_index", "slice_by_size", "slice_update"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var x = context.Input("x");
        var rank = x.Rank;
        var begin = context.Input("begin").AsLongs();
        var starts = new int[rank];
        var steps = new int[rank];
        var counts = new int[rank];
        var squeeze = new bool[rank];
        if (context.Op.Type == "slice_by_size")
        {
            var size = context.Input("size").AsLongs();
            for (var i = 0; i < rank; i++)
            {
                var b = begin[i] < 0 ? begin[i] + x.Shape[i] : begin[i];
                var count = size[i] < 0 ? x.Shape[i] - b : size[i];
                if (b < 0 || count < 0 || b + count > x.Shape[i])
                {
                    throw context.Error($"slice [{b}, {b + count}) is out of bounds for dim {i} of size {x.Shape[i]}");
                }
                (starts[i], steps[i], counts[i]) = ((int)b, 1, (int)count);
            }
        }
        else
        {
            var end = context.Input("end").AsLongs();
            var stride = context.Ints("stride") ?? Enumerable.Repeat(1, rank).ToArray();
            var beginMask = context.Bools("begin_mask") ?? new bool[rank];
            var endMask = context.Bools("end_mask") ?? new bool[rank];
            squeeze = context.Bools("squeeze_mask") ?? new bool[rank];
            for (var i = 0; i < rank; i++)
            {
                if (squeeze[i])
                {
                    var b = begin[i] < 0 ? begin[i] + x.Shape[i] : begin[i];
                    if (b < 0 || b >= x.Shape[i])
                    {
                        throw context.Error($"index {begin[i]} is out of bounds for dim {i} of size {x.Shape[i]}");
                    }
                    (starts[i], steps[i], counts[i]) = ((int)b, 1, 1);
                    continue;
                }
                var (start, stop) = SliceMath.Resolve(x.Shape[i], begin[i], end[i], stride[i], beginMask[i], endMask[i]);
                (starts[i], steps[i], counts[i]) = (start, stride[i], SliceMath.Count(start, stop, stride[i]));
            }
        }
        var map = StridedMap(x.ShapeArray(), starts, steps, counts);
        if (context.Op.Type == "slice_update")
        {
            return [Update(context, x, map)];
        }
        var outShape = counts.Where((_, i) => !squeeze[i]).ToArray();
        return [TensorGather.Take(x, map, outShape)];
    }

    /// <summary>
    /// x with element map[i] replaced by update element i: one gather from x and update laid end to end (the slice's
    /// indices are distinct, so no element is written twice).
    /// </summary>
    private static Tensor Update(KernelContext context, Tensor x, int[] map)
    {
        var update = context.Input("update");
        if (update.Length != map.Length)
        {
            throw context.Error($"update has {update.Length} elements but the slice {map.Length}");
        }
        var both = TensorGather.Concat([x.Reshape([x.Length]), update.Reshape([update.Length])], 0, [x.Length + update.Length]);
        var source = new int[x.Length];
        for (var i = 0; i < source.Length; i++)
        {
            source[i] = i;
        }
        for (var i = 0; i < map.Length; i++)
        {
            source[map[i]] = x.Length + i;
        }
        return TensorGather.Take(both, source, x.ShapeArray());
    }

    /// <summary>Flat source indices of the strided box starts + k·steps, k &lt; counts.</summary>
    internal static int[] StridedMap(int[] shape, int[] starts, int[] steps, int[] counts)
    {
        var strides = Broadcasting.Strides(shape);
        var total = Broadcasting.Product(counts);
        var map = new int[total];
        if (total == 0)
        {
            return map;
        }
        var index = new int[shape.Length];
        for (var i = 0; i < total; i++)
        {
            var flat = 0;
            for (var d = 0; d < shape.Length; d++)
            {
                flat += (starts[d] + (index[d] * steps[d])) * strides[d];
            }
            map[i] = flat;
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                if (++index[d] < counts[d])
                {
                    break;
                }
                index[d] = 0;
            }
        }
        return map;
    }
}
