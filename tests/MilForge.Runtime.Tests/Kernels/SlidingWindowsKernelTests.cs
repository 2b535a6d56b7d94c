namespace MilForge.Runtime.Tests.Kernels;

/// <summary><c>sliding_windows</c> on hand-worked values.</summary>
public class SlidingWindowsKernelTests
{
    [Fact]
    public void WindowsOfTheLastAxisWithAStride()
    {
        // x = [0..6]: windows of 3 every 2 -> [0,1,2], [2,3,4], [4,5,6].
        var y = KernelHarness.Op("sliding_windows", new() { { "x", Tensor.Create(new[] { 0, 1, 2, 3, 4, 5, 6 }, 7) }, { "axis", 0 }, { "size", 3 }, { "stride", 2 } });
        Assert.Equal([3, 3], y.ShapeArray());
        Assert.Equal([0, 1, 2, 2, 3, 4, 4, 5, 6], y.AsInts());
    }

    [Fact]
    public void WindowsOfAMiddleAxisKeepTheInnerDims()
    {
        // x [1, 3, 2] = [[a0, b0], [a1, b1], [a2, b2]] with a = 0, 1, 2 and b = 10, 11, 12; windows of 2 along axis 1.
        var y = KernelHarness.Op("sliding_windows", new() { { "x", Tensor.Create(new[] { 0f, 10f, 1f, 11f, 2f, 12f }, 1, 3, 2) }, { "axis", 1 }, { "size", 2 } });
        Assert.Equal([1, 2, 2, 2], y.ShapeArray());
        Assert.Equal([0f, 10f, 1f, 11f, 1f, 11f, 2f, 12f], y.AsFloats());
    }
}
