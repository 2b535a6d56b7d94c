namespace MilForge.Runtime.Tests.Kernels;

/// <summary>gather_nd and the scatter modes against hand-worked results.</summary>
public class ScatterGatherNdKernelTests
{
    private static readonly Tensor Matrix = TestTensors.Floats([2, 3], 1, 2, 3, 4, 5, 6);

    [Fact]
    public void GatherNdTakesElementsRowsAndBatches()
    {
        Assert.Equal([6f, 1, 5], KernelHarness.Op("gather_nd", new() { { "x", Matrix }, { "indices", Tensor.Create(new[] { 1, 2, 0, 0, -1, -2 }, 3, 2) } }).Storage<float>());
        Assert.Equal([4f, 5, 6], KernelHarness.Op("gather_nd", new() { { "x", Matrix }, { "indices", Tensor.Create(new[] { 1 }, 1) } }).Storage<float>());
        var batched = KernelHarness.Op("gather_nd", new() { { "x", Matrix }, { "indices", Tensor.Create(new[] { 2, 0, 1, 1 }, 2, 2, 1) }, { "batch_dims", 1 } });
        Assert.Equal([2, 2], batched.Shape);
        Assert.Equal([3f, 1, 5, 5], batched.Storage<float>());
    }

    [Theory]
    [InlineData("update", new float[] { 1, 20, 3, 4, 5, 60 })]
    [InlineData("add", new float[] { 1, 32, 3, 4, 5, 66 })]
    [InlineData("sub", new float[] { 1, -28, 3, 4, 5, -54 })]
    [InlineData("mul", new float[] { 1, 400, 3, 4, 5, 360 })]
    [InlineData("div", new float[] { 1, 0.01f, 3, 4, 5, 0.1f })]
    [InlineData("max", new float[] { 1, 20, 3, 4, 5, 60 })]
    [InlineData("min", new float[] { 1, 2, 3, 4, 5, 6 })]
    public void ScatterNdFoldsRepeatedTargetsInOrder(string mode, float[] expected)
    {
        // (0, 1) is hit twice (10 then 20), (1, 2) once with 60.
        var y = KernelHarness.Op("scatter_nd", new()
        {
            { "data", Matrix }, { "indices", Tensor.Create(new[] { 0, 1, 1, -1, 0, 1 }, 3, 2) }, { "updates", TestTensors.Floats([3], 10, 60, 20) }, { "mode", mode },
        });
        Reference.AssertClose([2, 3], [.. expected.Select(v => (double)v)], y, 1e-6, 1e-6);
    }

    [Fact]
    public void ScatterAndScatterAlongAxisAddressTheAxis()
    {
        var scatter = KernelHarness.Op("scatter", new()
        {
            { "data", Matrix }, { "indices", Tensor.Vector(2, 0) }, { "updates", TestTensors.Floats([2, 2], 7, 8, 9, 10) }, { "axis", 1 }, { "mode", "update" },
        });
        Assert.Equal([8f, 2, 7, 10, 5, 9], scatter.Storage<float>());
        var along = KernelHarness.Op("scatter_along_axis", new()
        {
            { "data", Matrix }, { "indices", Tensor.Create(new[] { 1, -1, 0 }, 1, 3) }, { "updates", TestTensors.Floats([1, 3], 7, 8, 9) }, { "axis", 0 }, { "mode", "add" },
        });
        Assert.Equal([1f, 2, 12, 11, 13, 6], along.Storage<float>());
    }
}
