using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Sorting;

/// <summary>
/// <c>topk</c> and <c>argsort</c>: a stable sort of each line along the axis (ties: lower index first). topk keeps the
/// first k positions (always sorted, which also satisfies sort=False) and copies the values without rounding.
/// </summary>
internal sealed class TopKKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["topk", "argsort"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var xt = context.Input("x");
        var shape = xt.ShapeArray();
        var axis = Shape.NormalizeAxis(context.Int("axis", -1), shape.Length);
        var ascending = context.Bool("ascending", false);
        var length = shape[axis];
        var k = context.Op.Type == "topk" ? context.Int("k", 1) : length;
        if (k < 0 || k > length)
        {
            throw context.Error($"k {k} is outside [0, {length}]");
        }
        var inner = Broadcasting.Product(shape.AsSpan(axis + 1));
        var outer = Broadcasting.Product(shape.AsSpan(0, axis));
        var x = xt.AsDoubles();
        var outShape = shape.ToArray();
        outShape[axis] = k;
        var indices = new int[outer * k * inner];
        var map = new int[indices.Length];
        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < inner; i++)
            {
                var start = (o * length * inner) + i;
                var order = SortOrder.Line(x, start, length, inner, ascending);
                for (var j = 0; j < k; j++)
                {
                    var at = (o * k * inner) + (j * inner) + i;
                    indices[at] = order[j];
                    map[at] = start + (order[j] * inner);
                }
            }
        }
        var indexTensor = Tensor.Create(indices, outShape);
        if (context.Op.Type == "argsort")
        {
            return [indexTensor];
        }
        var values = TensorGather.Take(xt, map, outShape);
        return context.Op.Outputs.Count > 1 ? [values, indexTensor] : [values];
    }
}
