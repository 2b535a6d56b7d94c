using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.TensorTransform;

/// <summary><c>sliding_windows</c>: output [outer, k, j, inner] = x[outer, k·stride + j, inner], as one gather.</summary>
internal sealed class SlidingWindowsKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["sliding_windows"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var x = context.Input("x");
        var shape = x.ShapeArray();
        var axis = Shape.NormalizeAxis(context.Int("axis", 0), x.Rank);
        var size = context.Int("size", 1);
        var stride = context.Int("stride", 1);
        if (size < 1 || stride < 1 || size > shape[axis])
        {
            throw context.Error($"size {size} and stride {stride} do not fit dim {axis} of size {shape[axis]}");
        }
        var windows = ((shape[axis] - size) / stride) + 1;
        var outer = Broadcasting.Product(shape.AsSpan(0, axis));
        var inner = Broadcasting.Product(shape.AsSpan(axis + 1));
        var map = new int[outer * windows * size * inner];
        var i = 0;
        for (var o = 0; o < outer; o++)
        {
            for (var k = 0; k < windows; k++)
            {
                for (var j = 0; j < size; j++)
                {
                    var source = ((o * shape[axis]) + (k * stride) + j) * inner;
                    for (var n = 0; n < inner; n++)
                    {
                        map[i++] = source + n;
                    }
                }
            }
        }
        int[] outShape = [.. shape[..axis], windows, size, .. shape[(axis + 1)..]];
        return [TensorGather.Take(x, map, outShape)];
    }
}
