using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.TensorTransform;

/// <summary><c>band_part</c>: keeps element (m, n) of each innermost matrix inside the band, zero (false) elsewhere.</summary>
internal sealed class BandPartKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["band_part"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var x = context.Input("x");
        var shape = x.ShapeArray();
        if (shape.Length < 2)
        {
            throw context.Error($"x [{string.Join(", ", shape)}] must have at least 2 dims");
        }
        var lower = context.Int("lower", -1);
        var upper = context.Int("upper", -1);
        var rows = shape[^2];
        var columns = shape[^1];
        var map = new int[x.Length];
        for (var i = 0; i < map.Length; i++)
        {
            var n = i % columns;
            var m = i / columns % rows;
            var inBand = (lower < 0 || m - n <= lower) && (upper < 0 || n - m <= upper);
            map[i] = inBand ? i : -1;
        }
        return [TensorGather.Take(x, map, shape, Tensor.Zeros(x.DataType, []))];
    }
}
