using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests.Kernels;

/// <summary>
/// non_maximum_suppression against hand-worked results: IoU suppression (strictly above the threshold), the score
/// threshold, per-class suppression, padding, truncation to max_boxes, the best box alone when none qualifies, and
/// the iOS17 layout.
/// </summary>
public class NonMaximumSuppressionKernelTests
{
    // Center-size boxes: 1 overlaps 0 with IoU 0.9/1.1 ≈ 0.82, 3 overlaps 0 with IoU exactly 0.5, 2 is far away.
    private static readonly Tensor Boxes = TestTensors.Floats([1, 4, 4], 0.5f, 0.5f, 1, 1, 0.5f, 0.6f, 1, 1, 5, 5, 1, 1, 0.5f, 1, 1, 2);

    private static IReadOnlyList<Tensor> Run(Tensor scores, float iou, float scoreThreshold, int maxBoxes, bool perClass = false) =>
        KernelHarness.OpAll("non_maximum_suppression", new()
        {
            { "boxes", Boxes }, { "scores", scores }, { "iou_threshold", iou }, { "score_threshold", scoreThreshold },
            { "max_boxes", maxBoxes }, { "per_class_suppression", perClass },
        });

    [Fact]
    public void SuppressesOverlapsAboveTheThresholdAndPads()
    {
        var y = Run(TestTensors.Floats([1, 4, 1], 0.9f, 0.8f, 0.7f, 0.6f), 0.5f, 0.1f, 5);
        Assert.Equal([0, 2, 3, -1, -1], y[2].Storage<int>());
        Assert.Equal([3], y[3].Storage<int>());
        Assert.Equal([0.9f, 0.7f, 0.6f, 0, 0], y[1].Storage<float>());
        Assert.Equal([0.5f, 0.5f, 1, 1, 5, 5, 1, 1, 0.5f, 1, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0], y[0].Storage<float>());
    }

    [Fact]
    public void RejectsScoresNotAboveTheScoreThresholdAndTruncates()
    {
        var y = Run(TestTensors.Floats([1, 4, 1], 0.9f, 0.8f, 0.7f, 0.6f), 0.95f, 0.7f, 2);
        Assert.Equal([0, 1], y[2].Storage<int>());
        Assert.Equal([2], y[3].Storage<int>());
    }

    [Fact]
    public void PerClassSuppressionOnlyComparesBoxesOfTheSameBestClass()
    {
        var scores = TestTensors.Floats([1, 4, 2], 0.9f, 0, 0, 0.8f, 0.7f, 0, 0, 0.6f);
        Assert.Equal([0, 1, 2, -1], Run(scores, 0.4f, 0.1f, 4, perClass: true)[2].Storage<int>());
        Assert.Equal([0, 2, -1, -1], Run(scores, 0.4f, 0.1f, 4)[2].Storage<int>());
    }

    [Fact]
    public void ReturnsTheBestBoxAloneWhenNoneQualifies()
    {
        var y = Run(TestTensors.Floats([1, 4, 1], 0.1f, 0.3f, 0.2f, 0), 0.5f, 0.5f, 3);
        Assert.Equal([1, -1, -1], y[2].Storage<int>());
        Assert.Equal([1], y[3].Storage<int>());
    }

    [Fact]
    public void Ios17TakesAndReturnsTheBoxesLast()
    {
        var h = new KernelHarness(DeploymentTarget.iOS17);
        var boxes = TestTensors.Floats([1, 4, 3], 0.5f, 0.5f, 5, 0.5f, 0.6f, 5, 1, 1, 1, 1, 1, 1);
        var outputs = h.Builder.Build("non_maximum_suppression", new OpArgs
        {
            { "boxes", h.In(boxes) }, { "scores", h.In(TestTensors.Floats([1, 1, 3], 0.8f, 0.9f, 0.1f)) }, { "iou_threshold", 0.5f }, { "max_boxes", 3 },
        });
        var y = h.Run(outputs);
        Assert.Equal([1, 2, -1], y[2].Storage<int>());
        Assert.Equal([0.9f, 0.1f, 0], y[1].Storage<float>());
        Assert.Equal([0.5f, 5, 0, 0.6f, 5, 0, 1, 1, 0, 1, 1, 0], y[0].Storage<float>());
    }
}
