namespace MilForge.Runtime.Tests.Kernels;

/// <summary>topk, argsort and cumsum against hand-worked results, including ties (lower index first) and NaN.</summary>
public class SortingKernelTests
{
    private static readonly Tensor Rows = TestTensors.Floats([2, 4], 3, 1, 3, 2, -1, 5, 5, 0);

    [Theory]
    [InlineData(false, new float[] { 3, 3, 2, 5, 5, 0 }, new[] { 0, 2, 3, 1, 2, 3 })]
    [InlineData(true, new float[] { 1, 2, 3, -1, 0, 5 }, new[] { 1, 3, 0, 0, 3, 1 })]
    public void TopKTakesTiesInIndexOrder(bool ascending, float[] values, int[] indices)
    {
        var y = KernelHarness.OpAll("topk", new() { { "x", Rows }, { "k", 3 }, { "ascending", ascending } });
        Assert.Equal([2, 3], y[0].Shape);
        Assert.Equal(values, y[0].Storage<float>());
        Assert.Equal(indices, y[1].Storage<int>());
    }

    [Fact]
    public void TopKAlongTheFirstAxisWithoutIndices()
    {
        var y = KernelHarness.OpAll("topk", new() { { "x", Rows }, { "k", 1 }, { "axis", 0 }, { "return_indices", false } });
        Assert.Single(y);
        Assert.Equal([3f, 5, 5, 2], y[0].Storage<float>());
    }

    [Fact]
    public void TopKKeepsFp16ValuesExactly()
    {
        var x = Tensor.Create(new[] { (Half)0.1f, (Half)0.7f, (Half)(-3.5f) }, 3);
        var y = KernelHarness.OpAll("topk", new() { { "x", x }, { "k", 2 } });
        Assert.Equal([(Half)0.7f, (Half)0.1f], y[0].Storage<Half>());
    }

    [Fact]
    public void ArgsortSortsStablyAndPutsNaNAboveEverything()
    {
        var x = TestTensors.Floats([5], 2, float.NaN, 2, -1, float.PositiveInfinity);
        Assert.Equal([1, 4, 0, 2, 3], KernelHarness.Op("argsort", new() { { "x", x } }).Storage<int>());
        Assert.Equal([3, 0, 2, 4, 1], KernelHarness.Op("argsort", new() { { "x", x }, { "ascending", true } }).Storage<int>());
    }

    [Theory]
    [InlineData(false, false, new float[] { 3, 4, 7, 9, -1, 4, 9, 9 })]
    [InlineData(true, false, new float[] { 0, 3, 4, 7, 0, -1, 4, 9 })]
    [InlineData(false, true, new float[] { 9, 6, 5, 2, 9, 10, 5, 0 })]
    [InlineData(true, true, new float[] { 6, 5, 2, 0, 10, 5, 0, 0 })]
    public void CumsumRunsForwardOrBackwardInclusiveOrExclusive(bool exclusive, bool reverse, float[] expected)
    {
        var y = KernelHarness.Op("cumsum", new() { { "x", Rows }, { "axis", 1 }, { "exclusive", exclusive }, { "reverse", reverse } });
        Assert.Equal(expected, y.Storage<float>());
    }

    [Fact]
    public void CumsumOfIntegersStaysInteger()
    {
        var y = KernelHarness.Op("cumsum", new() { { "x", Tensor.Create(new[] { 1, -2, 3, 4, 5, -6 }, 2, 3) } });
        Assert.Equal(DataType.Int32, y.DataType);
        Assert.Equal([1, -2, 3, 5, 3, -3], y.Storage<int>());
    }
}
