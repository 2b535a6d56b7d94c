using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.TensorTransform;

/// <summary>
/// <c>one_hot</c> (an index outside [0, size) gives a vector of off_value) and <c>non_zero</c> (row-major coordinates
/// of the non-zero elements, as many rows as there are).
/// </summary>
internal sealed class OneHotKernels : IKernel
{
    public IEnumerable<string> OpTypes => ["one_hot", "non_zero"];

    public IReadOnlyList<Tensor> Execute(KernelContext context) =>
        context.Op.Type == "one_hot" ? [OneHot(context)] : [NonZero(context.Input("x"))];

    private static Tensor OneHot(KernelContext context)
    {
        var indices = context.Input("indices");
        var depth = (int)context.Input("one_hot_vector_size").GetLong(0);
        if (depth < 0)
        {
            throw context.Error($"one_hot_vector_size {depth} is negative");
        }
        var on = context.Input("on_value").GetDouble(0);
        var off = context.Input("off_value").GetDouble(0);
        var shape = indices.ShapeArray();
        var axis = Shape.NormalizeAxis(context.Int("axis", -1), shape.Length + 1);
        var outer = Broadcasting.Product(shape.AsSpan(0, axis));
        var inner = Broadcasting.Product(shape.AsSpan(axis));
        var idx = indices.AsLongs();
        var y = new double[outer * depth * inner];
        for (var o = 0; o < outer; o++)
        {
            for (var j = 0; j < depth; j++)
            {
                for (var i = 0; i < inner; i++)
                {
                    y[(((o * depth) + j) * inner) + i] = idx[(o * inner) + i] == j ? on : off;
                }
            }
        }
        int[] outShape = [.. shape.Take(axis), depth, .. shape.Skip(axis)];
        return Tensor.FromDoubles(y, outShape, context.OutputType());
    }

    private static Tensor NonZero(Tensor x)
    {
        var shape = x.ShapeArray();
        var values = x.AsDoubles();
        var strides = Broadcasting.Strides(shape);
        var coordinates = new List<int>();
        var count = 0;
        for (var flat = 0; flat < values.Length; flat++)
        {
            if (values[flat] != 0)
            {
                count++;
                var rest = flat;
                for (var d = 0; d < shape.Length; d++)
                {
                    coordinates.Add(rest / strides[d]);
                    rest %= strides[d];
                }
            }
        }
        return Tensor.Create(coordinates.ToArray(), count, shape.Length);
    }
}
