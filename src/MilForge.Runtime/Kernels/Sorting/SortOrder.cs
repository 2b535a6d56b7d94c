namespace MilForge.Runtime.Kernels.Sorting;

/// <summary>
/// Stable orderings of the lines of a tensor along one axis (outer × length × inner, row-major), shared by
/// <c>topk</c> and <c>argsort</c>. Ties keep the lower index first (as ONNX TopK requires); NaN sorts as the largest value.
/// </summary>
internal static class SortOrder
{
    /// <summary>The positions along the axis of one line, ordered descending (or ascending), stable.</summary>
    public static int[] Line(double[] x, int start, int length, int stride, bool ascending)
    {
        var order = new int[length];
        for (var i = 0; i < length; i++)
        {
            order[i] = i;
        }
        Array.Sort(order, (a, b) =>
        {
            var c = Compare(x[start + (a * stride)], x[start + (b * stride)]);
            c = ascending ? c : -c;
            return c != 0 ? c : a.CompareTo(b);
        });
        return order;
    }

    // Total order with NaN above +inf, so a NaN row still sorts deterministically.
    private static int Compare(double a, double b) => double.IsNaN(a) ? (double.IsNaN(b) ? 0 : 1) : double.IsNaN(b) ? -1 : a.CompareTo(b);
}
