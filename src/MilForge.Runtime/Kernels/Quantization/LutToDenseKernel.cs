using MilForge.Numerics;

namespace MilForge.Runtime.Kernels.Quantization;

/// <summary>
/// <c>constexpr_lut_to_dense</c>: palette lookup. iOS16: LSB-first packed indices into one palette, reshaped to
/// <c>shape</c>. iOS18: an index tensor, one palette per block of indices, and vectors of palette values laid out
/// along <c>vector_axis</c>.
/// </summary>
internal sealed class LutToDenseKernel : IKernel
{
    public IEnumerable<string> OpTypes => ["constexpr_lut_to_dense"];

    public IReadOnlyList<Tensor> Execute(KernelContext context)
    {
        var lut = context.Input("lut");
        var palette = lut.AsFloats();
        if (context.OptionalInput("shape") is { } shapeInput)
        {
            var shape = shapeInput.AsInts();
            var bits = int.Log2(palette.Length);
            var packed = context.Input("indices").Storage<byte>();
            var result = new float[shape.Aggregate(1, (a, d) => a * d)];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = palette[ReadBits(packed, (long)i * bits, bits)];
            }
            return [context.Output(result, shape)];
        }
        return [Ios18(context, lut.ShapeArray(), palette)];
    }

    private static Tensor Ios18(KernelContext context, int[] lutShape, float[] palette)
    {
        var indices = context.Input("indices");
        var indexShape = indices.ShapeArray();
        var index = indices.AsInts();
        var (entries, vector) = (lutShape[^2], lutShape[^1]);
        var axis = context.OptionalInput("vector_axis") is { } a ? (int)Shape.NormalizeAxis(a.GetLong(0), indexShape.Length) : 0;
        var outputShape = (int[])indexShape.Clone();
        outputShape[axis] *= vector;
        var groups = BlockIndex.Map(indexShape, lutShape[..^2]);
        var result = new float[index.Length * vector];
        var inner = 1;
        for (var d = axis + 1; d < indexShape.Length; d++)
        {
            inner *= indexShape[d];
        }
        for (var i = 0; i < index.Length; i++)
        {
            // Element i of the index tensor fills `vector` consecutive positions along the vector axis.
            var (outer, rest) = Math.DivRem(i, inner);
            var (before, along) = Math.DivRem(outer, indexShape[axis]);
            var entry = (groups[i] * entries + index[i]) * vector;
            for (var v = 0; v < vector; v++)
            {
                result[((before * indexShape[axis] * vector) + along * vector + v) * inner + rest] = palette[entry + v];
            }
        }
        return context.Output(result, outputShape);
    }

    /// <summary>The <paramref name="bits"/>-bit unsigned value starting at bit <paramref name="start"/> of an LSB-first bit stream.</summary>
    private static int ReadBits(byte[] packed, long start, int bits)
    {
        var value = 0;
        for (var b = 0; b < bits; b++)
        {
            var bit = start + b;
            value |= ((packed[bit >> 3] >> (int)(bit & 7)) & 1) << b;
        }
        return value;
    }
}
