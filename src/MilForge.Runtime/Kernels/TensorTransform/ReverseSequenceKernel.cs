using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.TensorTransform;

/// <summary>
/// <c>reverse_sequence</c>: an index map that reverses the first lengths[b] elements along seq_axis for every b along
/// batch_axis; a length outside [0, x.shape[seq_axis]] is an error.
/// </summary>
internal sealed class ReverseSequenceKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["reverse_sequence"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var x = context.Input("x");
        var shape = x.ShapeArray();
        var seqAxis = Shape.NormalizeAxis(context.Int("seq_axis", 0), shape.Length);
        var batchAxis = Shape.NormalizeAxis(context.Int("batch_axis", 0), shape.Length);
        var lengths = context.Input("lengths").AsLongs();
        if (lengths.Length != shape[batchAxis])
        {
            throw context.Error($"lengths has {lengths.Length} entries; x.shape[batch_axis] is {shape[batchAxis]}");
        }
        foreach (var length in lengths)
        {
            if (length < 0 || length > shape[seqAxis])
            {
                throw context.Error($"length {length} is outside [0, {shape[seqAxis]}] (the length of seq_axis)");
            }
        }
        var strides = Broadcasting.Strides(shape);
        var map = new int[x.Length];
        var coords = new int[shape.Length];
        for (var i = 0; i < map.Length; i++)
        {
            var rest = i;
            for (var d = shape.Length - 1; d >= 0; d--)
            {
                coords[d] = rest % shape[d];
                rest /= shape[d];
            }
            var t = coords[seqAxis];
            var length = lengths[coords[batchAxis]];
            map[i] = t < length ? i + ((int)(length - 1 - (2 * t)) * strides[seqAxis]) : i;
        }
        return [TensorGather.Take(x, map, shape)];
    }
}
