namespace MilForge.Runtime.Tests.Kernels;

/// <summary>Data-movement kernels against index references: each output element must be the right source element.</summary>
public class TransformKernelTests
{
    private static Tensor Arange(DataType type, params int[] shape) =>
        Tensor.FromDoubles([.. Enumerable.Range(0, Reference.Count(shape)).Select(i => (double)(i + 1))], shape, type);

    /// <summary>The indices a Python slice <c>[begin:end:stride]</c> picks from a dim (None when masked).</summary>
    private static List<int> PySlice(int n, int begin, int end, int stride, bool beginMask, bool endMask)
    {
        int Norm(int v, int lo, int hi) => Math.Clamp(v < 0 ? v + n : v, lo, hi);
        var start = beginMask ? (stride > 0 ? 0 : n - 1) : (stride > 0 ? Norm(begin, 0, n) : Norm(begin, -1, n - 1));
        var stop = endMask ? (stride > 0 ? n : -1) : (stride > 0 ? Norm(end, 0, n) : Norm(end, -1, n - 1));
        var picked = new List<int>();
        for (var i = start; stride > 0 ? i < stop : i > stop; i += stride)
        {
            picked.Add(i);
        }
        return picked;
    }

    private static (int[] Shape, List<int> Map) Box(int[] shape, List<int>[] picks, bool[] squeeze)
    {
        var counts = picks.Select(p => p.Count).ToArray();
        var map = Reference.Indices(counts).Select(k => Reference.Flat(shape, [.. k.Select((v, d) => picks[d][v])])).ToList();
        return ([.. counts.Where((_, d) => !squeeze[d])], map);
    }

    public static TheoryData<int[], int[], int[], int[], bool[], bool[], bool[]> SliceCases() => new()
    {
        { [10, 6], [1, 0], [7, 6], [2, 1], [false, false], [false, false], [false, false] },
        { [10, 6], [9, -1], [0, 0], [-1, -2], [false, false], [false, true], [false, false] },
        { [10, 6], [0, 0], [0, 0], [-3, 1], [true, true], [true, true], [false, false] },
        { [10, 6], [-2, 4], [100, 5], [1, 1], [false, false], [false, false], [false, true] },
        { [4, 5, 3], [3, 0, 1], [0, 5, 3], [-1, 2, 1], [false, false, false], [true, false, false], [false, false, false] },
        { [4, 5, 3], [2, 1, 0], [3, 1, 3], [1, 1, 1], [false, false, false], [false, false, false], [false, false, false] },
        { [0, 3], [0, 0], [5, 3], [1, 1], [false, false], [false, false], [false, false] },
        { [7], [5], [2], [-2], [false], [false], [false] },
    };

    [Theory]
    [MemberData(nameof(SliceCases))]
    public void SliceByIndexMatchesPython(int[] shape, int[] begin, int[] end, int[] stride, bool[] beginMask, bool[] endMask, bool[] squeeze)
    {
        var x = Arange(DataType.Float32, shape);
        var picks = shape.Select((n, d) => squeeze[d] ? [begin[d] < 0 ? begin[d] + n : begin[d]] : PySlice(n, begin[d], end[d], stride[d], beginMask[d], endMask[d])).ToArray();
        var (outShape, map) = Box(shape, picks, squeeze);
        var h = new KernelHarness();
        var y = h.Run(h.Builder.Single("slice_by_index", new()
        {
            { "x", h.In(x) }, { "begin", begin }, { "end", end }, { "stride", stride },
            { "begin_mask", beginMask }, { "end_mask", endMask }, { "squeeze_mask", squeeze },
        }));
        Reference.AssertGathered(x, outShape, map, y);
    }

    [Fact]
    public void SliceBySizeAndDynamicBegin()
    {
        var x = Arange(DataType.Int32, 5, 4);
        var y = KernelHarness.Op("slice_by_size", new() { { "x", x }, { "begin", new[] { 1, -3 } }, { "size", new[] { 3, -1 } } });
        Reference.AssertGathered(x, [3, 3], [5, 6, 7, 9, 10, 11, 13, 14, 15], y);
        var h = new KernelHarness();
        var begin = h.In(Tensor.Vector(2, 1));
        var z = h.Run(h.Builder.Single("slice_by_index", new() { { "x", h.In(x) }, { "begin", begin }, { "end", new[] { 4, 3 } } }));
        Reference.AssertGathered(x, [2, 2], [9, 10, 13, 14], z);
    }

    [Theory]
    [InlineData(new[] { 5, 4, 3 }, new[] { 2, 2 }, 1)]
    [InlineData(new[] { 5, 4, 3 }, new[] { 3 }, -1)]
    [InlineData(new[] { 5, 4 }, new int[0], 0)]
    [InlineData(new[] { 5, 0 }, new[] { 3 }, 0)]
    [InlineData(new[] { 7 }, new[] { 2, 0, 1 }, 0)]
    public void GatherMatchesReference(int[] shape, int[] indexShape, int axis)
    {
        var x = Arange(DataType.Float16, shape);
        var a = axis < 0 ? axis + shape.Length : axis;
        var indices = TestTensors.Longs(51, indexShape, -shape[a], shape[a]).CastTo(DataType.Int32);
        int[] outShape = [.. shape[..a], .. indexShape, .. shape[(a + 1)..]];
        var map = Reference.Indices(outShape).Select(o =>
        {
            var i = indices.GetLong(Reference.Flat(indexShape, o[a..(a + indexShape.Length)]));
            return Reference.Flat(shape, [.. o[..a], (int)(i < 0 ? i + shape[a] : i), .. o[(a + indexShape.Length)..]]);
        }).ToList();
        var h = new KernelHarness();
        var y = h.Run(h.Builder.Single("gather", new() { { "x", h.In(x) }, { "indices", h.In(indices) }, { "axis", axis } }));
        Reference.AssertGathered(x, outShape, map, y);
    }

    [Fact]
    public void GatherAlongAxisTakesPerPosition()
    {
        var x = Arange(DataType.Int32, 3, 4);
        var y = KernelHarness.Op("gather_along_axis", new() { { "x", x }, { "indices", Tensor.Create(new[] { 2, 0, -1, 1, 0, 1, 2, 0 }, 2, 4) }, { "axis", 0 } });
        Reference.AssertGathered(x, [2, 4], [8, 1, 10, 7, 0, 5, 10, 3], y);
    }

    [Theory]
    [InlineData(new[] { 2, 3 }, new[] { 2, 5 }, 1, false)]
    [InlineData(new[] { 1, 3 }, new[] { 4, 3 }, 0, false)]
    [InlineData(new[] { 2, 0, 2 }, new[] { 2, 3, 2 }, -2, false)]
    [InlineData(new[] { 2, 3 }, new[] { 2, 3 }, 1, true)]
    [InlineData(new[] { 3, 2 }, new[] { 3, 2 }, 0, true)]
    public void ConcatMatchesReference(int[] a, int[] b, int axis, bool interleave)
    {
        var x = Arange(DataType.Float32, a);
        var y = Tensor.FromDoubles([.. Arange(DataType.Float64, b).AsDoubles().Select(v => -v)], b, DataType.Float32);
        var ax = axis < 0 ? axis + a.Length : axis;
        var both = Tensor.Create([.. x.AsFloats(), .. y.AsFloats()], x.Length + y.Length);
        var outShape = a.ToArray();
        outShape[ax] = a[ax] + b[ax];
        var map = Reference.Indices(outShape).Select(o =>
        {
            var (k, fromX) = interleave ? (o[ax] / 2, o[ax] % 2 == 0) : (o[ax] < a[ax] ? o[ax] : o[ax] - a[ax], o[ax] < a[ax]);
            int[] src = [.. o[..ax], k, .. o[(ax + 1)..]];
            return fromX ? Reference.Flat(a, src) : x.Length + Reference.Flat(b, src);
        }).ToList();
        var h = new KernelHarness();
        var z = h.Run(h.Builder.Single("concat", new() { { "values", new[] { h.In(x), h.In(y) } }, { "axis", axis }, { "interleave", interleave } }));
        Reference.AssertGathered(both, outShape, map, z);
    }

    [Theory]
    [InlineData(new[] { 6, 5 }, 0, new[] { 1, 2, 3 })]
    [InlineData(new[] { 3, 7 }, 1, new[] { 0, 7, 0 })]
    [InlineData(new[] { 2, 4, 3 }, -2, new[] { 2, 2 })]
    public void SplitMatchesReference(int[] shape, int axis, int[] sizes)
    {
        var x = Arange(DataType.Float32, shape);
        var a = axis < 0 ? axis + shape.Length : axis;
        var parts = KernelHarness.OpAll("split", new() { { "x", x }, { "split_sizes", sizes }, { "axis", axis } });
        Assert.Equal(sizes.Length, parts.Count);
        var offset = 0;
        for (var p = 0; p < sizes.Length; p++)
        {
            var partShape = shape.ToArray();
            partShape[a] = sizes[p];
            var start = offset;
            var map = Reference.Indices(partShape).Select(o => Reference.Flat(shape, [.. o.Select((v, d) => d == a ? v + start : v)])).ToList();
            Reference.AssertGathered(x, partShape, map, parts[p]);
            offset += sizes[p];
        }
    }

    [Theory]
    [InlineData(new[] { 2, 3, 4 }, new[] { 2, 0, 1 })]
    [InlineData(new[] { 5, 1, 3 }, new[] { -1, 0, 1 })]
    [InlineData(new[] { 3, 0 }, new[] { 1, 0 })]
    [InlineData(new[] { 7 }, new[] { 0 })]
    public void TransposeMatchesReference(int[] shape, int[] perm)
    {
        var x = Arange(DataType.Int32, shape);
        var p = perm.Select(v => v < 0 ? v + shape.Length : v).ToArray();
        int[] outShape = [.. p.Select(d => shape[d])];
        var map = Reference.Indices(outShape).Select(o =>
        {
            var src = new int[shape.Length];
            for (var d = 0; d < p.Length; d++)
            {
                src[p[d]] = o[d];
            }
            return Reference.Flat(shape, src);
        }).ToList();
        Reference.AssertGathered(x, outShape, map, KernelHarness.Op("transpose", new() { { "x", x }, { "perm", perm } }));
    }
}
