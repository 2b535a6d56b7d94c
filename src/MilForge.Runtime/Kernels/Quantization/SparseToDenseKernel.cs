using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Quantization;

/// <summary>
/// <c>constexpr_sparse_to_dense</c>: set mask bits take the next non-zero value in row-major order, the others are
/// zero. iOS16: an LSB-first packed uint8 mask and a <c>shape</c>; iOS18: a uint1 mask of the output's shape.
/// </summary>
internal sealed class SparseToDenseKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["constexpr_sparse_to_dense"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var data = context.Input("nonzero_data").AsDoubles();
        var mask = context.Input("mask");
        var bytes = mask.Storage<byte>();
        var packed = context.OptionalInput("shape") is not null;
        var shape = packed ? context.Input("shape").AsInts() : mask.ShapeArray();
        var result = new double[shape.Aggregate(1, (a, d) => a * d)];
        var next = 0;
        for (var i = 0; i < result.Length; i++)
        {
            var set = packed ? ((bytes[i >> 3] >> (i & 7)) & 1) != 0 : bytes[i] != 0;
            if (set)
            {
                result[i] = data[next++];
            }
        }
        return [context.Output(result, shape)];
    }
}
