using MilForge.Diagnostics;
using MilForge.Mil;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// NonMaxSuppression (10, 11): corner boxes in either corner order and center boxes, several batches and classes, score
/// thresholds (a score equal to it is rejected), an IoU equal to the threshold (kept), tied scores (lower index
/// first), no threshold, no or zero max_output_boxes_per_class (nothing selected), iOS15 and iOS17 MIL ops. The data
/// are multiples of 1/64 with distinct scores, so FP16 takes the same decisions.
/// </summary>
public class NonMaxSuppressionTests
{
    // The ONNX conformance boxes: one cluster of three overlapping boxes at y≈0, one at y≈10, one at y≈100.
    private static readonly float[] Clusters = [0, 0, 1, 1, 0, 0.125f, 1, 1.125f, 0, -0.125f, 1, 0.875f, 0, 10, 1, 11, 0, 10.125f, 1, 11.125f, 0, 100, 1, 101];
    private static readonly float[] ClusterScores = [0.875f, 0.75f, 0.625f, 0.9375f, 0.5f, 0.25f];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        data.Add(Case("suppress by IoU", 11, Clusters, [1, 6], ClusterScores, 3, 0.5f, 0f));
        data.Add(Case("score threshold", 11, Clusters, [1, 6], ClusterScores, 3, 0.5f, 0.625f));
        data.Add(Case("max two per class", 10, Clusters, [1, 6], ClusterScores, 2, 0.5f, null));
        data.Add(Case("low IoU threshold", 11, Clusters, [1, 6], ClusterScores, 10, 0f, null));
        float[] flipped = [1, 1, 0, 0, 0, 0.125f, 1, 1.125f, 0, 0.875f, 1, -0.125f, 0, 10, 1, 11, 1, 10.125f, 0, 11.125f, 0, 100, 1, 101];
        data.Add(Case("flipped corners", 11, flipped, [1, 6], ClusterScores, 3, 0.5f, 0f));
        float[] centers = [0.5f, 0.5f, 1, 1, 0.5f, 0.625f, 1, 1, 0.5f, 0.375f, 1, 1, 0.5f, 10.5f, 1, 1, 0.5f, 10.625f, 1, 1, 0.5f, 100.5f, 1, 1];
        data.Add(Case("center point boxes", 11, centers, [1, 6], ClusterScores, 3, 0.5f, 0f).Attr("center_point_box", 1L));
        // IoU of [0,0,1,1] and [0,0,1,2] is exactly 1/2: equal to the threshold, so not suppressed.
        data.Add(Case("IoU equal to the threshold", 11, [0, 0, 1, 1, 0, 0, 1, 2, 0, 0, 1, 4], [1, 3], [0.5f, 0.75f, 0.25f], 3, 0.5f, null));
        data.Add(Case("tied scores", 11, [0, 0, 1, 1, 0, 0, 1, 1, 0, 5, 1, 6, 0, 5, 1, 6], [1, 4], [0.5f, 0.5f, 0.5f, 0.5f], 4, 0.5f, null));
        data.Add(Case("two batches, two classes", 11, [.. Clusters, .. Clusters.Select(v => v + 2)], [2, 6],
            [.. ClusterScores, .. ClusterScores.Reverse(), .. ClusterScores.Select(s => s / 2), 0.125f, 0.25f, 0.375f, 0.5f, 0.625f, 0.75f], 2, 0.25f, 0.2f, classes: 2));
        data.Add(Case("nothing above the threshold", 11, Clusters, [1, 6], ClusterScores, 3, 0.5f, 0.96875f));
        data.Add(Case("zero boxes per class", 11, Clusters, [1, 6], ClusterScores, 0, 0.5f, null));
        data.Add(Grid("a grid of 24 boxes, three classes"));
        data.Add(new NodeCase("only boxes and scores", "NonMaxSuppression", 11).Input("boxes", TestTensors.Floats([1, 6, 4], Clusters))
            .Input("scores", TestTensors.Floats([1, 1, 6], ClusterScores)).Output("selected", DataType.Int64));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeWithTheIos17Op(NodeCase c) => OnnxOracle.AssertMatches(c, DeploymentTarget.iOS17);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => OnnxOracle.AssertMatchesFp16(c);

    [Fact]
    public void RunTimeMaxOutputIsRefused() =>
        Rejection.Assert(new NodeCase("run-time max", "NonMaxSuppression", 11).Input("boxes", TestTensors.Floats([1, 1, 4], 0, 0, 1, 1))
            .Input("scores", TestTensors.Floats([1, 1, 1], 0.5f)).Input("max", TestTensors.LongVector(3)).Output("selected", DataType.Int64),
            DiagnosticCodes.OnnxNotConstant, "max_output_boxes_per_class");

    [Fact]
    public void SymbolicBoxCountIsRefused() =>
        Rejection.Assert(new NodeCase("symbolic", "NonMaxSuppression", 11).SymbolicInput("boxes", TestTensors.Floats([1, 1, 4], 0, 0, 1, 1), 1)
            .Input("scores", TestTensors.Floats([1, 1, 1], 0.5f)).Output("selected", DataType.Int64),
            DiagnosticCodes.OnnxBadAttribute, "static shape");

    [Fact]
    public void BadCenterPointBoxIsRefused() =>
        Rejection.Assert(Case("center 2", 11, [0, 0, 1, 1], [1, 1], [0.5f], 1, 0.5f, null).Attr("center_point_box", 2L),
            DiagnosticCodes.OnnxBadAttribute, "center_point_box 2");

    private static NodeCase Case(string name, int opset, float[] boxes, int[] batchByCount, float[] scores, long maxPerClass,
        float iou, float? scoreThreshold, int classes = 1)
    {
        var (batches, count) = (batchByCount[0], batchByCount[1]);
        var c = new NodeCase(name, "NonMaxSuppression", opset).Input("boxes", TestTensors.Floats([batches, count, 4], boxes))
            .Input("scores", TestTensors.Floats([batches, classes, count], scores))
            .Constant("max", TestTensors.LongVector(maxPerClass)).Constant("iou", TestTensors.Floats([1], iou));
        if (scoreThreshold is { } t)
        {
            c.Constant("score_threshold", TestTensors.Floats([1], t));
        }
        return c.Output("selected", DataType.Int64);
    }

    // Boxes on a 1/16 grid and scores that are distinct multiples of 1/64, so FP16 holds every value and every IoU exactly.
    private static NodeCase Grid(string name)
    {
        var boxes = new float[24 * 4];
        for (var i = 0; i < 24; i++)
        {
            var (y, x) = ((i * 7 % 13) / 16f, (i * 5 % 11) / 16f);
            (boxes[4 * i], boxes[(4 * i) + 1], boxes[(4 * i) + 2], boxes[(4 * i) + 3]) = (y, x, y + 0.5f + (i % 3 / 16f), x + 0.5f + (i % 4 / 16f));
        }
        var scores = Enumerable.Range(0, 72).Select(i => (i * 29 % 72) / 64f).ToArray();
        return Case(name, 11, boxes, [1, 24], scores, 5, 0.375f, 0.25f, classes: 3);
    }
}
