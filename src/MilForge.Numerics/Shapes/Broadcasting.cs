namespace MilForge.Numerics;

/// <summary>NumPy-style (multidirectional) broadcasting, shared by type inference and kernels.</summary>
public static class Broadcasting
{
    /// <summary>The broadcast result of two static shapes, or null when they are incompatible.</summary>
    public static int[]? TryBroadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            var db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da == db || db == 1)
            {
                result[i] = da;
            }
            else if (da == 1)
            {
                result[i] = db;
            }
            else
            {
                return null;
            }
        }
        return result;
    }

    /// <summary>The broadcast result of two possibly symbolic shapes, or null when they are provably incompatible.</summary>
    public static Shape? TryBroadcast(Shape a, Shape b)
    {
        var rank = Math.Max(a.Rank, b.Rank);
        var result = new Dim[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i < rank - a.Rank ? Dim.Of(1) : a[i - (rank - a.Rank)];
            var db = i < rank - b.Rank ? Dim.Of(1) : b[i - (rank - b.Rank)];
            if (da == db || (db.IsKnown && db.Size == 1))
            {
                result[i] = da;
            }
            else if (da.IsKnown && da.Size == 1)
            {
                result[i] = db;
            }
            else if (!da.IsKnown || !db.IsKnown)
            {
                // One side symbolic, the other a known size > 1: at run time the symbol must equal it.
                result[i] = da.IsKnown ? da : db;
            }
            else
            {
                return null;
            }
        }
        return new Shape(result);
    }

    /// <summary>
    /// Row-major strides of <paramref name="shape"/> aligned to <paramref name="outShape"/>, with 0 for broadcast
    /// dimensions, so that element <c>i</c> of the output reads <c>sum(index_k * strides[k])</c> of the input.
    /// </summary>
    public static int[] BroadcastStrides(ReadOnlySpan<int> shape, ReadOnlySpan<int> outShape)
    {
        var strides = new int[outShape.Length];
        var offset = outShape.Length - shape.Length;
        var stride = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i + offset] = shape[i] == 1 && outShape[i + offset] != 1 ? 0 : stride;
            stride *= shape[i];
        }
        return strides;
    }

    /// <summary>Row-major strides of a shape.</summary>
    public static int[] Strides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        var stride = 1;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= shape[i];
        }
        return strides;
    }

    /// <summary>Product of the sizes.</summary>
    public static int Product(ReadOnlySpan<int> shape)
    {
        long p = 1;
        foreach (var d in shape)
        {
            p *= d;
        }
        return checked((int)p);
    }

    /// <summary>
    /// For each output element (row-major over <paramref name="outShape"/>), the flat index into an input with the
    /// given broadcast strides. Used by binary and ternary elementwise kernels.
    /// </summary>
    public static int[] IndexMap(ReadOnlySpan<int> inputShape, ReadOnlySpan<int> outShape)
    {
        var n = Product(outShape);
        var map = new int[n];
        if (inputShape.SequenceEqual(outShape))
        {
            for (var i = 0; i < n; i++)
            {
                map[i] = i;
            }
            return map;
        }
        var strides = BroadcastStrides(inputShape, outShape);
        var rank = outShape.Length;
        var index = new int[rank];
        var flat = 0;
        for (var i = 0; i < n; i++)
        {
            map[i] = flat;
            for (var d = rank - 1; d >= 0; d--)
            {
                index[d]++;
                flat += strides[d];
                if (index[d] < outShape[d])
                {
                    break;
                }
                flat -= strides[d] * index[d];
                index[d] = 0;
            }
        }
        return map;
    }
}
