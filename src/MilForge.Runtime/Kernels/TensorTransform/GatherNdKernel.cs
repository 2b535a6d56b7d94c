using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.TensorTransform;

/// <summary>
/// <c>gather_nd</c>: each index tuple (the last dim of indices) picks a slice of x after the batch_dims leading dims,
/// which x and indices share.
/// </summary>
internal sealed class GatherNdKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["gather_nd"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var x = context.Input("x");
        var indices = context.Input("indices");
        var batchDims = context.Int("batch_dims", 0);
        var xShape = x.ShapeArray();
        var iShape = indices.ShapeArray();
        var depth = iShape[^1];
        var batch = Broadcasting.Product(xShape.AsSpan(0, batchDims));
        var tuples = Broadcasting.Product(iShape.AsSpan(batchDims, iShape.Length - 1 - batchDims));
        var inner = Broadcasting.Product(xShape.AsSpan(batchDims + depth));
        var perBatch = Broadcasting.Product(xShape.AsSpan(batchDims));
        var strides = Broadcasting.Strides(xShape);
        var idx = indices.AsLongs();
        var negativeAllowed = IndexNormalizer.NegativeAllowed(context);
        var map = new int[batch * tuples * inner];
        var n = 0;
        for (var b = 0; b < batch; b++)
        {
            for (var t = 0; t < tuples; t++)
            {
                var offset = b * perBatch;
                for (var k = 0; k < depth; k++)
                {
                    var d = batchDims + k;
                    offset += IndexNormalizer.Normalize(context, idx[(((b * tuples) + t) * depth) + k], xShape[d], negativeAllowed, $"dim {d}") * strides[d];
                }
                for (var i = 0; i < inner; i++)
                {
                    map[n++] = offset + i;
                }
            }
        }
        int[] outShape = [.. iShape.Take(iShape.Length - 1), .. xShape.Skip(batchDims + depth)];
        return [TensorGather.Take(x, map, outShape)];
    }
}
