using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests.Kernels;

/// <summary>
/// <c>scaled_dot_product_attention</c> on a hand-worked case: q = [1, 0], keys [1, 0] and [0, 1], values 1 and 3.
/// Scores 1/√2 and 0, so the weights are sigmoid(1/√2) = 0.669761 and 0.330239 and the output 1 + 2·0.330239.
/// </summary>
public class ScaledDotProductAttentionKernelTests
{
    private static float Run(Tensor? mask)
    {
        var h = new KernelHarness(DeploymentTarget.iOS18);
        var args = new OpArgs
        {
            { "query", h.In(Tensor.Create(new[] { 1f, 0f }, 1, 1, 2)) },
            { "key", h.In(Tensor.Create(new[] { 1f, 0f, 0f, 1f }, 1, 2, 2)) },
            { "value", h.In(Tensor.Create(new[] { 1f, 3f }, 1, 2, 1)) },
        };
        if (mask is not null)
        {
            args.Add("attn_mask", h.In(mask));
        }
        var y = h.Run(h.Builder.Single("scaled_dot_product_attention", args));
        Assert.Equal([1, 1, 1], y.ShapeArray());
        return y.AsFloats()[0];
    }

    [Fact]
    public void WithoutAMaskTheScaledScoresWeighTheValues() => Assert.Equal(1.660478f, Run(null), 5);

    [Fact]
    public void AFalseBoolMaskEntryDropsThatKey() => Assert.Equal(1f, Run(Tensor.Create(new[] { true, false }, 1, 2)), 6);

    [Fact]
    public void AFloatMaskIsAddedToTheScores() =>
        // Adding 1/√2 to the second score makes both equal: weights 1/2, output 2.
        Assert.Equal(2f, Run(Tensor.Create(new[] { 0f, (float)(1 / Math.Sqrt(2)) }, 2)), 5);
}
