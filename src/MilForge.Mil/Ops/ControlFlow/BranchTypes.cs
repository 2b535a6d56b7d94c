using MilForge.Numerics;

namespace MilForge.Mil.Ops.ControlFlow;

/// <summary>Type merging shared by <c>cond</c> and <c>while_loop</c>: values that may come from different blocks or iterations.</summary>
internal static class BranchTypes
{
    /// <summary>
    /// The type covering both <paramref name="a"/> and <paramref name="b"/>: same element type and rank required;
    /// a dim that differs (or is symbolic on either side) becomes the symbol <paramref name="symbol"/>_<c>k</c>.
    /// Null when element type or rank disagree.
    /// </summary>
    public static TensorType? Merge(TensorType a, TensorType b, string symbol)
    {
        if (a.DataType != b.DataType || a.Rank != b.Rank)
        {
            return null;
        }
        var dims = new Dim[a.Rank];
        for (var k = 0; k < a.Rank; k++)
        {
            dims[k] = a.Shape[k] == b.Shape[k] ? a.Shape[k]
                : a.Shape[k].IsKnown && b.Shape[k].IsKnown ? Dim.Of($"{symbol}_{k}")
                : a.Shape[k].IsKnown ? b.Shape[k] : a.Shape[k];
        }
        return new TensorType(a.DataType, new Shape(dims));
    }

    /// <summary>True when two slot types hold the same values: equal element types, ranks and known dims, symbolic in the same places (symbol names aside, which a package does not keep).</summary>
    public static bool Agree(MilType a, MilType b) => (a, b) switch
    {
        (TensorType x, TensorType y) => x.DataType == y.DataType && x.Rank == y.Rank
            && x.Shape.Dims.Zip(y.Shape.Dims).All(p => p.First.IsKnown == p.Second.IsKnown && (!p.First.IsKnown || p.First == p.Second)),
        _ => Equals(a, b),
    };

    /// <summary>True when a value of type <paramref name="actual"/> may be held in a slot typed <paramref name="slot"/> (symbolic dims take any size).</summary>
    public static bool Fits(MilType actual, MilType slot) => (actual, slot) switch
    {
        (TensorType a, TensorType s) => a.DataType == s.DataType && a.Rank == s.Rank
            && a.Shape.Dims.Zip(s.Shape.Dims).All(p => !p.First.IsKnown || !p.Second.IsKnown || p.First == p.Second),
        _ => Equals(actual, slot),
    };
}
