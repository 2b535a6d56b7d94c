using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests.Kernels;

/// <summary>l2_norm over the last three dims and local_response_norm's channel window, on hand-worked values.</summary>
public class LocalNormKernelTests
{
    [Fact]
    public void L2NormDividesEachBatchByItsNorm()
    {
        // Batch 0 = [3, 4] (norm 5), batch 1 = [0, 2] (norm 2); epsilon 0 keeps the numbers exact.
        var x = Tensor.FromFloats([3, 4, 0, 2], [2, 1, 1, 2], DataType.Float32);
        var y = KernelHarness.Op("l2_norm", new() { { "x", x }, { "epsilon", Tensor.FromFloats([0f], [], DataType.Float32) } });
        Reference.AssertClose([2, 1, 1, 2], [0.6, 0.8, 0, 1], y);
        // Rank 3: one batch over everything; the default epsilon 1e-6 joins the sum under the root.
        var z = KernelHarness.Op("l2_norm", new() { { "x", Tensor.FromFloats([1, 1, 1, 1], [1, 2, 2], DataType.Float32) } });
        Reference.AssertClose([1, 2, 2], [.. Enumerable.Repeat(1 / Math.Sqrt(4 + 1e-6), 4)], z);
    }

    [Fact]
    public void LocalResponseNormSumsSquaresOverTheChannelWindow()
    {
        // x [1, 3, 1] = [1, 2, 3], size 3, alpha 3, beta 1, k 1: divisor 1 + (3/3)·Σ over channels c−1..c+1.
        var x = Tensor.FromFloats([1, 2, 3], [1, 3, 1], DataType.Float32);
        OpArgs Args(int size) => new() { { "x", x }, { "size", size }, { "alpha", Tensor.FromFloats([size], [], DataType.Float32) }, { "beta", Tensor.FromFloats([1f], [], DataType.Float32) } };
        Reference.AssertClose([1, 3, 1], [1.0 / 6, 2.0 / 15, 3.0 / 14], KernelHarness.Op("local_response_norm", Args(3)));
        // size 2: window c..c+1 (⌊1/2⌋ = 0 before, ⌈1/2⌉ = 1 after).
        Reference.AssertClose([1, 3, 1], [1.0 / 6, 2.0 / 14, 3.0 / 10], KernelHarness.Op("local_response_norm", Args(2)));
    }

    [Fact]
    public void LocalResponseNormDefaultsAreCaffes()
    {
        // alpha 1e-4, beta 0.75, k 1, size 1: y = x / (1 + 1e-4·x²)^0.75.
        var x = Tensor.FromFloats([10, -20], [1, 2, 1, 1], DataType.Float32);
        var y = KernelHarness.Op("local_response_norm", new() { { "x", x }, { "size", 1 } });
        Reference.AssertClose([1, 2, 1, 1], [10 / Math.Pow(1.01, 0.75), -20 / Math.Pow(1.04, 0.75)], y);
    }
}
