namespace MilForge.Runtime.Tests.Kernels;

/// <summary>one_hot and non_zero against hand-worked results.</summary>
public class OneHotKernelTests
{
    [Fact]
    public void OneHotPutsOnValuesAlongTheNewAxis()
    {
        var y = KernelHarness.Op("one_hot", new()
        {
            { "indices", Tensor.Vector(2, 0, 5, -1) }, { "one_hot_vector_size", 3 }, { "axis", 0 }, { "on_value", 1f }, { "off_value", -1f },
        });
        Assert.Equal([3, 4], y.Shape);
        Assert.Equal([-1f, 1, -1, -1, -1, -1, -1, -1, 1, -1, -1, -1], y.Storage<float>());
    }

    [Fact]
    public void NonZeroListsCoordinatesInRowMajorOrder()
    {
        var y = KernelHarness.Op("non_zero", new() { { "x", TestTensors.Floats([2, 3], 0, 1, 0, float.NaN, 0, 2) } });
        Assert.Equal([3, 2], y.Shape);
        Assert.Equal([0, 1, 1, 0, 1, 2], y.Storage<int>());
    }
}
