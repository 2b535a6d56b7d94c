using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.TensorTransform;

/// <summary><c>transpose(x, perm)</c>.</summary>
internal sealed class TransposeKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["transpose"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var x = context.Input("x");
        var perm = context.Ints("perm")!.Select(p => Shape.NormalizeAxis(p, x.Rank)).ToArray();
        return [Transpose(x, perm)];
    }

    /// <summary>Permutes the dims of any tensor.</summary>
    public static Tensor Transpose(Tensor x, int[] perm)
    {
        var inShape = x.ShapeArray();
        var outShape = perm.Select(p => inShape[p]).ToArray();
        var inStrides = Broadcasting.Strides(inShape);
        var strides = perm.Select(p => inStrides[p]).ToArray();
        var map = new int[x.Length];
        var index = new int[perm.Length];
        var flat = 0;
        for (var i = 0; i < map.Length; i++)
        {
            map[i] = flat;
            for (var d = perm.Length - 1; d >= 0; d--)
            {
                flat += strides[d];
                if (++index[d] < outShape[d])
                {
                    break;
                }
                flat -= strides[d] * index[d];
                index[d] = 0;
            }
        }
        return TensorGather.Take(x, map, outShape);
    }
}
