using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Image;

/// <summary><c>crop</c>: copies the kept rectangle of the last two dims of every leading index.</summary>
internal sealed class CropKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["crop"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var x = context.Input("x");
        var (top, bottom) = Pair(context, "crop_height");
        var (left, right) = Pair(context, "crop_width");
        var shape = x.ShapeArray();
        var (h, w) = (shape[^2], shape[^1]);
        var (oh, ow) = (h - top - bottom, w - left - right);
        if (oh < 0 || ow < 0)
        {
            throw context.Error($"the crop removes more than the {h}x{w} plane");
        }
        var outer = shape.Length == 2 ? 1 : Broadcasting.Product(shape[..^2]);
        var source = x.AsFloats();
        var result = new float[outer * oh * ow];
        for (var o = 0; o < outer; o++)
        {
            for (var r = 0; r < oh; r++)
            {
                source.AsSpan((((o * h) + top + r) * w) + left, ow).CopyTo(result.AsSpan(((o * oh) + r) * ow));
            }
        }
        int[] outShape = [.. shape[..^2], oh, ow];
        return [context.Output(result, outShape)];
    }

    private static (int, int) Pair(KernelContext context, string name)
    {
        var v = context.Input(name).AsInts();
        return v.Length == 2 ? (v[0], v[1]) : throw context.Error($"{name} must have two entries");
    }
}
