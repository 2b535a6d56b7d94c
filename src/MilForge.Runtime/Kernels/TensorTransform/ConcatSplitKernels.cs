using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.TensorTransform;

/// <summary><c>concat</c> (incl. interleave), <c>stack</c> and <c>split</c>.</summary>
internal sealed class ConcatSplitKernels : IKernel
{
    public IEnumerable<string> OpTypes => ["concat", "stack", "split"];

    public IReadOnlyList<Tensor> Execute(KernelContext context) => context.Op.Type switch
    {
        "split" => Split(context),
        "stack" => Stack(context),
        _ => Concat(context),
    };

    private static IReadOnlyList<Tensor> Concat(KernelContext context)
    {
        var parts = context.TupleInput("values");
        if (parts.All(p => p.Rank == 0))
        {
            parts = [.. parts.Select(p => p.Reshape([1]))];
        }
        var rank = parts[0].Rank;
        var axis = Shape.NormalizeAxis(context.Int("axis", 0), rank);
        if (context.Bool("interleave", false))
        {
            // Interleave: stack on a new axis after `axis`, then merge the two.
            var stacked = StackTensors(parts, axis + 1);
            var shape = parts[0].ShapeArray();
            shape[axis] *= parts.Count;
            return [stacked.Reshape(shape)];
        }
        var outShape = parts[0].ShapeArray();
        outShape[axis] = parts.Sum(p => p.Shape[axis]);
        return [TensorGather.Concat(parts, axis, outShape)];
    }

    private static IReadOnlyList<Tensor> Stack(KernelContext context)
    {
        var parts = context.TupleInput("values");
        return [StackTensors(parts, Shape.NormalizeAxis(context.Int("axis", 0), parts[0].Rank + 1))];
    }

    private static Tensor StackTensors(IReadOnlyList<Tensor> parts, int axis)
    {
        var expanded = parts.Select(p =>
        {
            var s = p.ShapeArray().ToList();
            s.Insert(axis, 1);
            return p.Reshape([.. s]);
        }).ToList();
        var outShape = expanded[0].ShapeArray();
        outShape[axis] = parts.Count;
        return TensorGather.Concat(expanded, axis, outShape);
    }

    private static IReadOnlyList<Tensor> Split(KernelContext context)
    {
        var x = context.Input("x");
        var axis = Shape.NormalizeAxis(context.Int("axis", 0), x.Rank);
        var count = context.Int("num_splits", 1);
        var sizes = context.Ints("split_sizes") ?? Enumerable.Repeat(x.Shape[axis] / count, count).ToArray();
        if (sizes.Sum() != x.Shape[axis])
        {
            // A symbolic dim can turn out not to divide (or add up) at run time; MIL split has no remainder part.
            var what = context.Has("split_sizes") ? $"split_sizes [{string.Join(", ", sizes)}] do not add up to" : $"num_splits {count} does not divide";
            throw context.Error($"{what} dim {axis} of size {x.Shape[axis]}");
        }
        var outer = Broadcasting.Product(x.Shape.AsSpan().Slice(0, axis));
        var inner = Broadcasting.Product(x.Shape.AsSpan()[(axis + 1)..]);
        var results = new List<Tensor>();
        var offset = 0;
        foreach (var size in sizes)
        {
            var shape = x.ShapeArray();
            shape[axis] = size;
            var data = Array.CreateInstance(x.DataType.StorageType(), outer * size * inner);
            for (var o = 0; o < outer; o++)
            {
                Array.Copy(x.Data, (((o * x.Shape[axis]) + offset) * inner), data, o * size * inner, size * inner);
            }
            results.Add(Tensor.Create(x.DataType, shape, data));
            offset += size;
        }
        return results;
    }
}
