using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.TensorTransform;

/// <summary>Ops that only change the shape, not the data: reshape, squeeze, expand_dims, flatten2d; and <c>shape</c>.</summary>
internal sealed class ShapeKernels : IKernel
{
    public IEnumerable<string> OpTypes => ["reshape", "squeeze", "expand_dims", "flatten2d", "shape"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var x = context.Input("x");
        return context.Op.Type switch
        {
            "shape" => [Tensor.Vector(x.ShapeArray())],
            "reshape" => [x.Reshape(ReshapeTarget(context, x))],
            "flatten2d" => [x.Reshape(Flatten(context, x))],
            _ => [x.Reshape(DeclaredShape(context))],
        };
    }

    private static int[] ReshapeTarget(KernelContext context, Tensor x)
    {
        var target = context.Input("shape").AsLongs();
        var shape = new int[target.Length];
        var inferred = -1;
        long known = 1;
        for (var i = 0; i < target.Length; i++)
        {
            if (target[i] == -1)
            {
                inferred = i;
                continue;
            }
            shape[i] = target[i] == 0 && i < x.Rank ? x.Shape[i] : checked((int)target[i]);
            known *= shape[i];
        }
        if (inferred >= 0)
        {
            shape[inferred] = known == 0 ? 0 : (int)(x.Length / known);
        }
        if (Broadcasting.Product(shape) != x.Length)
        {
            throw context.Error($"cannot reshape [{string.Join(",", x.Shape)}] to [{string.Join(",", target)}]");
        }
        return shape;
    }

    private static int[] Flatten(KernelContext context, Tensor x)
    {
        var axis = context.Int("axis", 1);
        var a = axis < 0 ? axis + x.Rank : axis;
        return [Broadcasting.Product(x.Shape.AsSpan().Slice(0, a)), Broadcasting.Product(x.Shape.AsSpan()[a..])];
    }

    // squeeze and expand_dims are fully described by the inferred type (all their dims are known when x's are).
    private static int[] DeclaredShape(KernelContext context)
    {
        var x = context.Input("x");
        if (context.Op.Type == "squeeze")
        {
            var axes = context.Ints("axes")?.Select(a => Shape.NormalizeAxis(a, x.Rank)).ToHashSet()
                ?? [.. Enumerable.Range(0, x.Rank).Where(i => x.Shape[i] == 1)];
            return [.. x.Shape.Where((_, i) => !axes.Contains(i))];
        }
        var added = context.Ints("axes")!;
        var rank = x.Rank + added.Length;
        var set = added.Select(a => Shape.NormalizeAxis(a, rank)).ToHashSet();
        var result = new int[rank];
        var next = 0;
        for (var i = 0; i < rank; i++)
        {
            result[i] = set.Contains(i) ? 1 : x.Shape[next++];
        }
        return result;
    }
}
