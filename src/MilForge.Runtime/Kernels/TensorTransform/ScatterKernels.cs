using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.TensorTransform;

/// <summary>
/// <c>scatter</c>, <c>scatter_along_axis</c> and <c>scatter_nd</c>: the output starts as data and each update is
/// combined into its target in index order (so with repeated indices, update keeps the last and the reductions fold
/// them all). Values are combined in double and each output rounded once to data's type; integer div truncates.
/// </summary>
internal sealed class ScatterKernels : IKernel
{
    public IEnumerable<string> OpTypes => ["scatter", "scatter_along_axis", "scatter_nd"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var data = context.Input("data");
        var indices = context.Input("indices");
        var updates = context.Input("updates");
        var mode = context.String("mode", "add");
        var shape = data.ShapeArray();
        var targets = context.Op.Type switch
        {
            "scatter_nd" => NdTargets(context, shape, indices.ShapeArray(), indices.AsLongs()),
            "scatter" => AxisTargets(context, shape, indices, updates.ShapeArray(), alongAxis: false),
            _ => AxisTargets(context, shape, indices, updates.ShapeArray(), alongAxis: true),
        };
        var y = data.AsDoubles();
        var u = updates.AsDoubles();
        var integer = !context.OutputType().IsFloat();
        for (var i = 0; i < u.Length; i++)
        {
            var t = targets[i];
            y[t] = mode switch
            {
                "update" => u[i],
                "add" => y[t] + u[i],
                "sub" => y[t] - u[i],
                "mul" => y[t] * u[i],
                "div" when integer && u[i] == 0 => throw context.Error("integer division by zero"),
                "div" => integer ? Math.Truncate(y[t] / u[i]) : y[t] / u[i],
                "max" => double.IsNaN(u[i]) ? u[i] : Math.Max(y[t], u[i]),
                "min" => double.IsNaN(u[i]) ? u[i] : Math.Min(y[t], u[i]),
                _ => throw context.Error($"mode '{mode}' is not supported"),
            };
        }
        return [integer ? Tensor.FromDoubles(y, shape, context.OutputType()) : context.Output(y, shape)];
    }

    // For each element of updates (row-major), its flat position in data. scatter has 1-D indices along the axis;
    // scatter_along_axis has one index per update element.
    private static int[] AxisTargets(KernelContext context, int[] shape, Tensor indices, int[] updateShape, bool alongAxis)
    {
        var axis = Shape.NormalizeAxis(context.Int("axis", 0), shape.Length);
        var idx = indices.AsLongs();
        var negativeAllowed = IndexNormalizer.NegativeAllowed(context);
        var dataStrides = Broadcasting.Strides(shape);
        var updateStrides = Broadcasting.Strides(updateShape);
        var targets = new int[Broadcasting.Product(updateShape)];
        for (var i = 0; i < targets.Length; i++)
        {
            var rest = i;
            var flat = 0;
            for (var d = 0; d < updateShape.Length; d++)
            {
                var coordinate = rest / updateStrides[d];
                rest %= updateStrides[d];
                if (d == axis)
                {
                    coordinate = IndexNormalizer.Normalize(context, alongAxis ? idx[i] : idx[coordinate], shape[axis], negativeAllowed, $"axis {axis}");
                }
                else if (coordinate >= shape[d])
                {
                    throw context.Error($"updates dim {d} ({updateShape[d]}) exceeds data's ({shape[d]})");
                }
                flat += coordinate * dataStrides[d];
            }
            targets[i] = flat;
        }
        return targets;
    }

    private static int[] NdTargets(KernelContext context, int[] shape, int[] indexShape, long[] idx)
    {
        var depth = indexShape[^1];
        var tuples = Broadcasting.Product(indexShape.AsSpan(0, indexShape.Length - 1));
        var inner = Broadcasting.Product(shape.AsSpan(depth));
        var strides = Broadcasting.Strides(shape);
        var negativeAllowed = IndexNormalizer.NegativeAllowed(context);
        var targets = new int[tuples * inner];
        for (var t = 0; t < tuples; t++)
        {
            var offset = 0;
            for (var k = 0; k < depth; k++)
            {
                offset += IndexNormalizer.Normalize(context, idx[(t * depth) + k], shape[k], negativeAllowed, $"dim {k}") * strides[k];
            }
            for (var i = 0; i < inner; i++)
            {
                targets[(t * inner) + i] = offset + i;
            }
        }
        return targets;
    }
}
