namespace MilForge.Runtime.Tests.Kernels;

/// <summary><c>clamped_relu</c>, <c>threshold</c> and <c>softplus_parametric</c> on hand-worked values.</summary>
public class ClampThresholdSoftplusKernelTests
{
    [Fact]
    public void ClampedReluScalesNegativesAndCapsAtBeta()
    {
        var y = KernelHarness.Op("clamped_relu", new() { { "x", new[] { -4f, -1f, 0f, 2f, 7f } }, { "alpha", 0.5f }, { "beta", 3f } });
        Assert.Equal([-2f, -0.5f, 0f, 2f, 3f], y.AsFloats());
        // A negative beta caps the scaled negatives too: min(-1, 0.5·-4) = -2, min(-1, 0.5·-1) = -1.
        var capped = KernelHarness.Op("clamped_relu", new() { { "x", new[] { -4f, -1f, 2f } }, { "alpha", 0.5f }, { "beta", -1f } });
        Assert.Equal([-2f, -1f, -1f], capped.AsFloats());
    }

    [Fact]
    public void ThresholdRaisesValuesBelowAlpha()
    {
        Assert.Equal([1f, 1f, 1.5f, 4f], KernelHarness.Op("threshold", new() { { "x", new[] { -3f, 1f, 1.5f, 4f } }, { "alpha", 1f } }).AsFloats());
        Assert.Equal([2, 2, 5], KernelHarness.Op("threshold", new() { { "x", new[] { -7, 2, 5 } }, { "alpha", 2 } }).AsInts());
        Assert.True(float.IsNaN(KernelHarness.Op("threshold", new() { { "x", new[] { float.NaN } }, { "alpha", 0f } }).AsFloats()[0]));
    }

    [Fact]
    public void SoftplusParametricUsesTheChannelsAlphaAndBeta()
    {
        // x [1, 2, 2]: channel 0 alpha 1 beta 1, channel 1 alpha 2 beta 0.5.
        var y = KernelHarness.Op("softplus_parametric", new()
        {
            { "x", Tensor.Create(new[] { 0f, 1f, 0f, 2f }, 1, 2, 2) },
            { "alpha", new[] { 1f, 2f } },
            { "beta", new[] { 1f, 0.5f } },
        }).AsFloats();
        float[] expected = [(float)Math.Log(2), (float)Math.Log(1 + Math.E), (float)(2 * Math.Log(2)), (float)(2 * Math.Log(1 + Math.E))];
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], y[i], 6);
        }
        // Large beta·x does not overflow: ln(1 + e^200) = 200 (to float precision).
        var large = KernelHarness.Op("softplus_parametric", new()
        {
            { "x", Tensor.Create(new[] { 100f }, 1, 1, 1) },
            { "alpha", new[] { 1f } },
            { "beta", new[] { 2f } },
        }).AsFloats();
        Assert.Equal(200f, large[0]);
    }
}
