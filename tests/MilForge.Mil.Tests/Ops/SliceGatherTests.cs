using MilForge.Diagnostics;
using MilForge.Mil.Building;

namespace MilForge.Mil.Tests.Ops;

/// <summary>Type inference of the indexing ops: slice_by_index, slice_by_size, split, concat, stack, gather.</summary>
public class SliceGatherTests
{
    private static OpArgs Slice(Value x, int[] begin, int[] end, int[]? stride = null, bool[]? beginMask = null,
        bool[]? endMask = null, bool[]? squeeze = null)
    {
        var args = new OpArgs { { "x", x }, { "begin", begin }, { "end", end } };
        if (stride is not null)
        {
            args.Add("stride", stride);
        }
        if (beginMask is not null)
        {
            args.Add("begin_mask", beginMask);
        }
        if (endMask is not null)
        {
            args.Add("end_mask", endMask);
        }
        if (squeeze is not null)
        {
            args.Add("squeeze_mask", squeeze);
        }
        return args;
    }

    [Theory]
    [InlineData(1, 7, 2, false, false, 3)]
    [InlineData(0, 10, 1, false, false, 10)]
    [InlineData(-3, 100, 1, false, false, 3)]
    [InlineData(7, 2, 1, false, false, 0)]
    [InlineData(5, 2, 1, true, false, 2)]
    [InlineData(5, 2, 1, false, true, 5)]
    [InlineData(5, 2, 1, true, true, 10)]
    [InlineData(9, 0, -1, false, false, 9)]
    [InlineData(-1, -11, -1, false, false, 10)]
    [InlineData(0, 0, -1, true, true, 10)]
    [InlineData(0, 0, -3, true, true, 4)]
    [InlineData(8, 1, -2, false, false, 4)]
    [InlineData(2, 8, -1, false, false, 0)]
    [InlineData(100, -100, -1, false, false, 10)]
    public void SliceByIndexAlongOneDim(int begin, int end, int stride, bool beginMask, bool endMask, int expected)
    {
        var h = new MilHarness();
        var args = Slice(h.F32(10, 6), [begin, 0], [end, 6], [stride, 1], [beginMask, false], [endMask, false]);
        Assert.Equal($"fp32[{expected}, 6]", h.Type("slice_by_index", args));
    }

    [Fact]
    public void SliceByIndexSqueezeSymbolicAndDynamic()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[6]", h.Type("slice_by_index", Slice(h.F32(10, 6), [3, 0], [4, 6], squeeze: [true, false])));
        Assert.Equal("fp32[]", h.Type("slice_by_index", Slice(h.F32(10, 6), [-1, 2], [0, 0], squeeze: [true, true])));
        var symbolic = h.Builder.Single("slice_by_index", Slice(h.F32("b", 6), [0, 1], [0, 5], endMask: [true, false]));
        Assert.False(symbolic.Shape[0].IsKnown);
        Assert.Equal(Dim.Of(4), symbolic.Shape[1]);
        var dynamic = h.Builder.Single("slice_by_index", new() { { "x", h.F32(10, 6) }, { "begin", h.I32(2) }, { "end", new[] { 5, 5 } } });
        Assert.Equal(2, dynamic.Shape.Rank);
        Assert.False(dynamic.Shape.IsStatic);
    }

    [Fact]
    public void SliceErrors()
    {
        var h = new MilHarness();
        var x = h.F32(10, 6);
        h.Fails(DiagnosticCodes.MilBadShape, "slice_by_index", Slice(x, [0, 0], [5, 5], [0, 1]));
        h.Fails(DiagnosticCodes.MilBadShape, "slice_by_index", Slice(x, [0], [5]));
        h.Fails(DiagnosticCodes.MilBadShape, "slice_by_index", Slice(x, [0, 0], [5, 5], [1]));
        h.Fails(DiagnosticCodes.MilBadShape, "slice_by_index", Slice(x, [0, 0], [5, 5], beginMask: [true]));
        h.Fails(DiagnosticCodes.MilBadShape, "slice_by_index", new() { { "x", x }, { "begin", 0 }, { "end", 5 } });
        h.Fails(DiagnosticCodes.MilNotConstant, "slice_by_index", new() { { "x", x }, { "begin", new[] { 0, 0 } }, { "end", new[] { 5, 5 } }, { "stride", h.I32(2) } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "slice_by_index", new() { { "x", x }, { "begin", new[] { 0f, 0f } }, { "end", new[] { 5, 5 } } });
    }

    [Fact]
    public void SliceBySize()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[2, 6]", h.Type("slice_by_size", new() { { "x", h.F32(10, 6) }, { "begin", new[] { 1, 0 } }, { "size", new[] { 2, -1 } } }));
        Assert.Equal("fp32[3, 2]", h.Type("slice_by_size", new() { { "x", h.F32(10, 6) }, { "begin", new[] { -3, 4 } }, { "size", new[] { -1, -1 } } }));
        h.Fails(DiagnosticCodes.MilBadShape, "slice_by_size", new() { { "x", h.F32(10, 6) }, { "begin", new[] { 1 } }, { "size", new[] { 2, 2 } } });
    }

    [Fact]
    public void SplitBySizesOrCount()
    {
        var h = new MilHarness();
        Assert.Equal(["fp32[2, 4]", "fp32[2, 4]", "fp32[2, 4]"], h.Types("split", new() { { "x", h.F32(6, 4) }, { "num_splits", 3 }, { "axis", 0 } }));
        Assert.Equal(["fp32[6, 1]", "fp32[6, 3]", "fp32[6, 0]"], h.Types("split", new() { { "x", h.F32(6, 4) }, { "split_sizes", new[] { 1, 3, 0 } }, { "axis", -1 } }));
        var symbolic = h.Builder.Build("split", new() { { "x", h.F32("n", 4) }, { "num_splits", 2 }, { "axis", 0 } });
        Assert.Equal(2, symbolic.Count);
        Assert.All(symbolic, v => Assert.False(v.Shape[0].IsKnown));
        Assert.Equal(2, symbolic.Select(v => v.Name).Distinct().Count());
    }

    [Fact]
    public void SplitErrors()
    {
        var h = new MilHarness();
        var x = h.F32(6, 4);
        h.Fails(DiagnosticCodes.MilBadShape, "split", new() { { "x", x }, { "num_splits", 4 }, { "axis", 0 } });
        h.Fails(DiagnosticCodes.MilBadShape, "split", new() { { "x", x }, { "num_splits", 0 }, { "axis", 0 } });
        h.Fails(DiagnosticCodes.MilBadShape, "split", new() { { "x", x }, { "split_sizes", new[] { 1, 2 } }, { "axis", 0 } });
        h.Fails(DiagnosticCodes.MilBadShape, "split", new() { { "x", x }, { "split_sizes", new[] { 7, -1 } }, { "axis", 0 } });
        h.Fails(DiagnosticCodes.MilBadShape, "split", new() { { "x", x }, { "num_splits", 2 }, { "axis", 2 } });
        h.Fails(DiagnosticCodes.MilMalformed, "split", new() { { "x", x }, { "axis", 0 } });
        h.Fails(DiagnosticCodes.MilNotConstant, "split", new() { { "x", x }, { "num_splits", 2 }, { "axis", h.I32() } });
    }

    [Fact]
    public void ConcatAndStack()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[2, 8]", h.Type("concat", new() { { "values", new[] { h.F32(2, 3), h.F32(2, 5) } }, { "axis", 1 } }));
        Assert.Equal("fp32[2, 8]", h.Type("concat", new() { { "values", new[] { h.F32(2, 3), h.F32(2, 5) } }, { "axis", -1 } }));
        Assert.Equal("fp32[b, 3]", h.Type("concat", new() { { "values", new[] { h.F32("b", 3) } }, { "axis", 1 } }));
        Assert.Equal("int32[2, 0]", h.Type("concat", new() { { "values", new[] { h.I32(2, 0), h.I32(2, 0) } }, { "axis", 1 } }));
        var symbolic = h.Builder.Single("concat", new() { { "values", new[] { h.F32(2, "n"), h.F32(2, 5) } }, { "axis", 1 } });
        Assert.False(symbolic.Shape[1].IsKnown);
        Assert.Equal("fp32[3, 2, 4]", h.Type("stack", new() { { "values", new[] { h.F32(2, 4), h.F32(2, 4), h.F32(2, 4) } }, { "axis", 0 } }));
        Assert.Equal("fp32[2, 4, 2]", h.Type("stack", new() { { "values", new[] { h.F32(2, 4), h.F32(2, 4) } }, { "axis", -1 } }));
    }

    [Fact]
    public void ConcatErrors()
    {
        var h = new MilHarness();
        h.Fails(DiagnosticCodes.MilBadShape, "concat", new() { { "values", new[] { h.F32(2, 3), h.F32(3, 5) } }, { "axis", 1 } });
        h.Fails(DiagnosticCodes.MilBadShape, "concat", new() { { "values", new[] { h.F32(2, 3), h.F32(2, 3, 1) } }, { "axis", 1 } });
        h.Fails(DiagnosticCodes.MilBadShape, "concat", new() { { "values", new[] { h.F32(2, 3), h.F32(2, 3) } }, { "axis", 2 } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "concat", new() { { "values", new[] { h.F32(2, 3), h.F16(2, 3) } }, { "axis", 0 } });
        h.Fails(DiagnosticCodes.MilMalformed, "concat", new() { { "values", Array.Empty<Value>() }, { "axis", 0 } });
        h.Fails(DiagnosticCodes.MilNotConstant, "concat", new() { { "values", new[] { h.F32(2, 3) } }, { "axis", h.I32() } });
    }

    [Fact]
    public void GatherShapes()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[5, 2, 7, 3]", h.Type("gather", new() { { "x", h.F32(5, 4, 3) }, { "indices", h.I32(2, 7) }, { "axis", 1 } }));
        Assert.Equal("fp32[5, 4, 6]", h.Type("gather", new() { { "x", h.F32(5, 4, 3) }, { "indices", h.I32(6) }, { "axis", -1 } }));
        Assert.Equal("fp32[5, 3]", h.Type("gather", new() { { "x", h.F32(5, 4, 3) }, { "indices", 2 }, { "axis", 1 } }));
        Assert.Equal("int32[b, 4]", h.Type("gather", new() { { "x", h.I32(10, 4) }, { "indices", h.Input(DataType.Int64, "b") } }));
        Assert.Equal("fp32[2, 3]", h.Type("gather_along_axis", new() { { "x", h.F32(5, 3) }, { "indices", h.I32(2, 3) }, { "axis", 0 } }));
        h.Fails(DiagnosticCodes.MilTypeMismatch, "gather", new() { { "x", h.F32(5, 4) }, { "indices", h.F32(2) } });
        h.Fails(DiagnosticCodes.MilBadShape, "gather", new() { { "x", h.F32(5, 4) }, { "indices", h.I32(2) }, { "axis", 2 } });
        h.Fails(DiagnosticCodes.MilBadShape, "gather_along_axis", new() { { "x", h.F32(5, 3) }, { "indices", h.I32(2) } });
    }
}
