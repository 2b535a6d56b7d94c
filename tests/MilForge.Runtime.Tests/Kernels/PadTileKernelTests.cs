namespace MilForge.Runtime.Tests.Kernels;

public class PadTileKernelTests
{
    private static int Source(string mode, int c, int n) => mode switch
    {
        _ when c >= 0 && c < n => c,
        "constant" => -1,
        "replicate" => Math.Clamp(c, 0, n - 1),
        _ => ReflectIndex(c, n),
    };

    // numpy.pad(mode="reflect") for pads smaller than the size: mirror without repeating the edge.
    private static int ReflectIndex(int c, int n) => c < 0 ? -c : (2 * (n - 1)) - c;

    [Theory]
    [InlineData(new[] { 3, 4 }, new[] { 1, 2, 0, 3 }, "constant")]
    [InlineData(new[] { 3, 4 }, new[] { 2, 2, 3, 3 }, "reflect")]
    [InlineData(new[] { 3, 4 }, new[] { 2, 1, 0, 5 }, "replicate")]
    [InlineData(new[] { 2, 3, 5 }, new[] { 1, 1 }, "reflect")]
    [InlineData(new[] { 2, 3, 5 }, new[] { 0, 0, 1, 0, 0, 2 }, "constant")]
    [InlineData(new[] { 0, 3 }, new[] { 1, 1 }, "constant")]
    [InlineData(new[] { 1 }, new[] { 3, 2 }, "replicate")]
    public void PadMatchesNumpy(int[] shape, int[] pad, string mode)
    {
        var x = Tensor.FromDoubles([.. Enumerable.Range(1, Reference.Count(shape)).Select(v => (double)v)], shape, DataType.Float32);
        var first = shape.Length - (pad.Length / 2);
        var before = shape.Select((_, d) => d < first ? 0 : pad[2 * (d - first)]).ToArray();
        var outShape = shape.Select((n, d) => d < first ? n : n + pad[2 * (d - first)] + pad[(2 * (d - first)) + 1]).ToArray();
        var expected = Reference.Indices(outShape).Select(o =>
        {
            var src = o.Select((c, d) => Source(mode, c - before[d], shape[d])).ToArray();
            return src.Any(s => s < 0) ? 2.5 : x.GetDouble(Reference.Flat(shape, src));
        }).ToArray();
        var h = new KernelHarness();
        var y = h.Run(h.Builder.Single("pad", new() { { "x", h.In(x) }, { "pad", pad }, { "mode", mode }, { "constant_val", 2.5f } }));
        Reference.AssertClose(outShape, expected, y, 0, 0);
    }

    [Fact]
    public void ReflectPaddingAsLargeAsTheDimIsRun4003()
    {
        var e = Assert.Throws<Diagnostics.DiagnosticException>(() =>
            KernelHarness.Op("pad", new() { { "x", TestTensors.Floats([3], 1, 2, 3) }, { "pad", new[] { 3, 0 } }, { "mode", "reflect" } }));
        Assert.Equal(Diagnostics.DiagnosticCodes.RunOpFailed, e.Code);
    }

    [Theory]
    [InlineData(new[] { 2, 3 }, new[] { 2, 3 })]
    [InlineData(new[] { 3 }, new[] { 1 })]
    [InlineData(new[] { 2, 1, 2 }, new[] { 1, 4, 0 })]
    [InlineData(new[] { 0, 2 }, new[] { 3, 2 })]
    public void TileRepeatsEachDim(int[] shape, int[] reps)
    {
        var x = Tensor.FromDoubles([.. Enumerable.Range(1, Reference.Count(shape)).Select(v => (double)v)], shape, DataType.Int32);
        var outShape = shape.Select((n, d) => n * reps[d]).ToArray();
        var map = Reference.Indices(outShape).Select(o => Reference.Flat(shape, [.. o.Select((c, d) => c % shape[d])])).ToList();
        Reference.AssertGathered(x, outShape, map, KernelHarness.Op("tile", new() { { "x", x }, { "reps", reps } }));
    }

    [Fact]
    public void FillAndRange()
    {
        var f = KernelHarness.Op("fill", new() { { "shape", new[] { 2, 0, 3 } }, { "value", 1.5f } });
        Assert.Equal([2, 0, 3], f.Shape);
        var g = KernelHarness.Op("fill", new() { { "shape", new[] { 2, 2 } }, { "value", 7 } });
        Assert.Equal([7, 7, 7, 7], g.Storage<int>());
        Assert.Equal([2, 4, 6, 8], KernelHarness.Op("range_1d", new() { { "end", 10 }, { "start", 2 }, { "step", 2 } }).Storage<int>());
        Assert.Equal([1f, 0.6f, 0.2f], KernelHarness.Op("range_1d", new() { { "end", 0f }, { "start", 1f }, { "step", -0.4f } }).AsFloats(), (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Empty(KernelHarness.Op("range_1d", new() { { "end", 0 }, { "start", 5 }, { "step", 1 } }).Storage<int>());
    }
}
