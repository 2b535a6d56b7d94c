using MilForge.Numerics;

namespace MilForge.Mil.Ops.TensorTransform;

/// <summary>
/// <c>slice_by_index(x, begin, end, stride, begin_mask, end_mask, squeeze_mask)</c>: NumPy-style strided slicing with
/// one entry per dim. A set begin_mask/end_mask entry means "from the start/to the end" for the direction of the
/// stride; a set squeeze_mask entry takes the single index <c>begin</c> and drops the dim.
/// </summary>
internal sealed class SliceByIndex : OpDefinition
{
    public override string Name => "slice_by_index";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.AnyT),
        InputSpec.Required("begin", TypeDomain.Int32),
        InputSpec.Required("end", TypeDomain.Int32),
        InputSpec.OptionalConst("stride", TypeDomain.Int32),
        InputSpec.OptionalConst("begin_mask", TypeDomain.Bool),
        InputSpec.OptionalConst("end_mask", TypeDomain.Bool),
        InputSpec.OptionalConst("squeeze_mask", TypeDomain.Bool),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs) =>
        [new TensorType(inputs.Type("x").DataType, new Shape(SlicedDims(inputs)))];

    /// <summary>The dims of the slice of x that begin, end, stride and the masks select (shared with <c>slice_update</c>).</summary>
    internal static List<Dim> SlicedDims(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var rank = x.Rank;
        var stride = inputs.Has("stride") ? inputs.Ints("stride") : Enumerable.Repeat(1, rank).ToArray();
        var beginMask = inputs.Has("begin_mask") ? inputs.Bools("begin_mask") : new bool[rank];
        var endMask = inputs.Has("end_mask") ? inputs.Bools("end_mask") : new bool[rank];
        var squeeze = inputs.Has("squeeze_mask") ? inputs.Bools("squeeze_mask") : new bool[rank];
        if (stride.Length != rank || beginMask.Length != rank || endMask.Length != rank || squeeze.Length != rank
            || !IsVector(inputs.Type("begin"), rank) || !IsVector(inputs.Type("end"), rank))
        {
            throw inputs.ShapeError($"begin, end, stride and masks must have {rank} entries (the rank of x)");
        }
        if (stride.Contains(0))
        {
            throw inputs.ShapeError("stride must not be 0");
        }
        var begin = inputs.ConstOrNull("begin")?.AsInts();
        var end = inputs.ConstOrNull("end")?.AsInts();
        var dims = new List<Dim>();
        for (var i = 0; i < rank; i++)
        {
            if (squeeze[i])
            {
                continue;
            }
            if (begin is null || end is null || !x.Shape[i].IsKnown)
            {
                dims.Add(Dim.Of($"{inputs.OpName}_d{i}"));
                continue;
            }
            var (start, stop) = SliceMath.Resolve((int)x.Shape[i].Size, begin[i], end[i], stride[i], beginMask[i], endMask[i]);
            dims.Add(SliceMath.Count(start, stop, stride[i]));
        }
        return dims;
    }

    private static bool IsVector(TensorType t, int length) => t.Rank == 1 && t.Shape[0] == Dim.Of(length);
}

/// <summary>Index arithmetic of strided slices, shared with the kernel.</summary>
public static class SliceMath
{
    /// <summary>
    /// Resolves begin/end (negative counts from the end; masks select the whole range in the stride's direction)
    /// to a clamped start and stop: for positive strides in [0, dim], for negative strides in [−1, dim − 1].
    /// </summary>
    public static (int Start, int Stop) Resolve(int dim, long begin, long end, int stride, bool beginMask, bool endMask)
    {
        long start, stop;
        if (stride > 0)
        {
            start = beginMask ? 0 : Clamp(begin < 0 ? begin + dim : begin, 0, dim);
            stop = endMask ? dim : Clamp(end < 0 ? end + dim : end, 0, dim);
        }
        else
        {
            start = beginMask ? dim - 1 : Clamp(begin < 0 ? begin + dim : begin, -1, dim - 1);
            stop = endMask ? -1 : Clamp(end < 0 ? end + dim : end, -1, dim - 1);
        }
        return ((int)start, (int)stop);
    }

    /// <summary>The number of elements from start (inclusive) to stop (exclusive) by stride.</summary>
    public static int Count(int start, int stop, int stride) => stride > 0
        ? Math.Max(0, (stop - start + stride - 1) / stride)
        : Math.Max(0, (start - stop - stride - 1) / -stride);

    private static long Clamp(long v, long lo, long hi) => Math.Min(Math.Max(v, lo), hi);
}
