namespace MilForge.Runtime.Tests.Kernels;

/// <summary>depth_to_space / space_to_depth (DCR), space_to_batch / batch_to_space and reverse on hand-worked values.</summary>
public class RearrangeKernelTests
{
    private static Tensor Iota(params int[] shape) =>
        Tensor.FromDoubles([.. Enumerable.Range(0, Reference.Count(shape)).Select(v => (double)v)], shape, DataType.Float32);

    private static Tensor Margins(int a, int b, int c, int d) => Tensor.Create(new[] { a, b, c, d }, 2, 2);

    [Fact]
    public void DepthToSpaceTakesChannelBlocksInDcrOrder()
    {
        // x [1, 8, 1, 1] = 0..7, b = 2, C' = 2: output (c, i, j) = channel (i·2 + j)·2 + c.
        var y = KernelHarness.Op("depth_to_space", new() { { "x", Iota(1, 8, 1, 1) }, { "block_size", 2 } });
        Assert.Equal([1, 2, 2, 2], y.Shape);
        Assert.Equal([0f, 2, 4, 6, 1, 3, 5, 7], y.AsFloats());
        var back = KernelHarness.Op("space_to_depth", new() { { "x", y }, { "block_size", 2 } });
        Assert.Equal([1, 8, 1, 1], back.Shape);
        Assert.Equal(Iota(1, 8, 1, 1).AsFloats(), back.AsFloats());
    }

    [Fact]
    public void SpaceToDepthStacksBlockPositionsAsChannelGroups()
    {
        // x [1, 1, 2, 4] = [[0 1 2 3], [4 5 6 7]], b = 2: channel k = i·2 + j holds x[i, 2w + j].
        var y = KernelHarness.Op("space_to_depth", new() { { "x", Iota(1, 1, 2, 4) }, { "block_size", 2 } });
        Assert.Equal([1, 4, 1, 2], y.Shape);
        Assert.Equal([0f, 2, 1, 3, 4, 6, 5, 7], y.AsFloats());
    }

    [Fact]
    public void SpaceToBatchPadsThenSplitsBlocksIntoBatches()
    {
        // x [1, 1, 1, 3] = [0 1 2], block [1, 2], paddings W (1, 0) -> padded [pad 0 1 2]; batch j takes columns 2w + j.
        var y = KernelHarness.Op("space_to_batch", new() { { "x", Iota(1, 1, 1, 3) }, { "block_shape", new[] { 1, 2 } }, { "paddings", Margins(0, 0, 1, 0) } });
        Assert.Equal([2, 1, 1, 2], y.Shape);
        Assert.Equal([0f, 1, 0, 2], y.AsFloats());
        var back = KernelHarness.Op("batch_to_space", new() { { "x", y }, { "block_shape", new[] { 1, 2 } }, { "crops", Margins(0, 0, 1, 0) } });
        Assert.Equal([1, 1, 1, 3], back.Shape);
        Assert.Equal([0f, 1, 2], back.AsFloats());
    }

    [Fact]
    public void BatchToSpaceInterleavesBatchesBlockMajor()
    {
        // x [4, 1, 1, 1] = 0..3 with N = 2 after block [2, 1]: batch (i·1 + 0)·2 + n lands at row i of sample n.
        var y = KernelHarness.Op("batch_to_space", new() { { "x", Iota(4, 1, 1, 1) }, { "block_shape", new[] { 2, 1 } }, { "crops", Margins(0, 0, 0, 0) } });
        Assert.Equal([2, 1, 2, 1], y.Shape);
        Assert.Equal([0f, 2, 1, 3], y.AsFloats());
        var round = KernelHarness.Op("space_to_batch", new() { { "x", y }, { "block_shape", new[] { 2, 1 } }, { "paddings", Margins(0, 0, 0, 0) } });
        Assert.Equal(Iota(4, 1, 1, 1).AsFloats(), round.AsFloats());
    }

    [Fact]
    public void ReverseMirrorsTheGivenAxesOrAll()
    {
        var x = Iota(2, 3);
        Assert.Equal([2f, 1, 0, 5, 4, 3], KernelHarness.Op("reverse", new() { { "x", x }, { "axes", new[] { -1 } } }).AsFloats());
        Assert.Equal([3f, 4, 5, 0, 1, 2], KernelHarness.Op("reverse", new() { { "x", x }, { "axes", new[] { 0 } } }).AsFloats());
        Assert.Equal([5f, 4, 3, 2, 1, 0], KernelHarness.Op("reverse", new() { { "x", x } }).AsFloats());
        var ints = KernelHarness.Op("reverse", new() { { "x", Tensor.Vector(1, 2, 3) }, { "axes", new[] { 0 } } });
        Assert.Equal(DataType.Int32, ints.DataType);
        Assert.Equal([3, 2, 1], ints.AsInts());
    }
}
