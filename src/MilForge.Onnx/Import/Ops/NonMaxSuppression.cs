using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// NonMaxSuppression (10, 11) through MIL <c>non_maximum_suppression</c>, one suppression per (batch, class): the
/// boxes are repeated for every class and each class's scores become a batch entry with a single class, so MIL's
/// per-batch, score-ordered list is exactly ONNX's per-class list. Corner boxes (in either corner order) become
/// center-size boxes. Scores not above score_threshold are replaced by −inf beforehand, so they rank last and cannot
/// suppress a qualifying box whichever way Core ML compares its own threshold; the taken entries that are padding
/// (index −1) or such a box (Core ML returns the best box when none qualifies) are masked out, and the
/// (batch, class, box) rows of the rest are gathered at non_zero(mask): a data-dependent count, in ONNX's order.
/// max_output_boxes_per_class, iou_threshold and score_threshold must be constants; indices are int32.
/// </summary>
[OnnxOp("NonMaxSuppression", 10, 11)]
internal sealed class NonMaxSuppression : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var boxes = context.Input(0);
        var scores = context.Input(1);
        var boxShape = ConverterHelpers.StaticShape(context, boxes, "NonMaxSuppression");
        var scoreShape = ConverterHelpers.StaticShape(context, scores, "NonMaxSuppression");
        if (boxShape.Length != 3 || boxShape[2] != 4 || scoreShape.Length != 3 || scoreShape[0] != boxShape[0] || scoreShape[2] != boxShape[1])
        {
            throw context.Unsupported($"boxes [{string.Join(", ", boxShape)}] and scores [{string.Join(", ", scoreShape)}] must be [batch, boxes, 4] and [batch, classes, boxes]");
        }
        var centered = context.Attributes.Int("center_point_box", 0);
        if (centered is not (0 or 1))
        {
            throw context.Unsupported($"center_point_box {centered} is neither 0 nor 1");
        }
        var (batches, count, classes) = (boxShape[0], boxShape[1], scoreShape[1]);
        var maxPerClass = context.HasInput(2) ? context.RequireConstant(2, "max_output_boxes_per_class").GetLong(0) : 0;
        var iouThreshold = context.HasInput(3) ? context.RequireConstant(3, "iou_threshold").GetDouble(0) : 0;
        double? scoreThreshold = context.HasInput(4) ? context.RequireConstant(4, "score_threshold").GetDouble(0) : null;
        var rows = batches * classes;
        if (maxPerClass <= 0 || count == 0 || rows == 0)
        {
            context.SetOutput(0, context.Const(Tensor.Create(Array.Empty<int>(), 0, 3), "none_selected"));
            return;
        }
        var maxBoxes = (int)Math.Min(maxPerClass, count);
        var name = context.OutputName();
        var centerSize = centered == 1 ? boxes : CenterSize(context, boxes, name);
        var perRow = classes == 1 ? centerSize : ConverterHelpers.Reshape(context,
            context.Op("tile", new() { { "x", context.Op("expand_dims", new() { { "x", centerSize }, { "axes", new[] { 1 } } }, $"{name}_per_class") }, { "reps", new[] { 1, classes, 1, 1 } } }, $"{name}_tiled"),
            [rows, count, 4], $"{name}_rows_boxes");
        var qualifying = scoreThreshold is { } t
            ? context.Op("select", new() { { "cond", context.Op("greater", new() { { "x", scores }, { "y", context.Scalar(t, scores, "score_threshold") } }, $"{name}_above") },
                { "a", scores }, { "b", context.Scalar(double.NegativeInfinity, scores, "rejected") } }, $"{name}_qualifying")
            : scores;
        var (selectedScores, indices) = Suppress(context, perRow, qualifying, [rows, count], iouThreshold, maxBoxes, name);
        var mask = context.Op("greater_equal", new() { { "x", indices }, { "y", context.Const(Tensor.Scalar(0), "first_index") } }, $"{name}_taken");
        if (scoreThreshold is { } threshold)
        {
            var kept = context.Op("greater", new() { { "x", selectedScores }, { "y", context.Scalar(threshold, selectedScores, "score_floor") } }, $"{name}_kept");
            mask = context.Op("logical_and", new() { { "x", mask }, { "y", kept } }, $"{name}_valid");
        }
        var flatMask = ConverterHelpers.Reshape(context, mask, [rows * maxBoxes], $"{name}_valid_flat");
        var table = context.Op("concat", new()
        {
            { "values", new[] { context.Const(BatchClassColumns(batches, classes, maxBoxes), "batch_class"), ConverterHelpers.Reshape(context, indices, [rows * maxBoxes, 1], $"{name}_box_column") } },
            { "axis", 1 },
        }, $"{name}_candidates");
        var positions = context.Op("squeeze", new() { { "x", context.Op("non_zero", new() { { "x", flatMask } }, $"{name}_positions") }, { "axes", new[] { 1 } } }, $"{name}_selected_rows");
        context.SetOutput(0, context.Op("gather", new() { { "x", table }, { "indices", positions }, { "axis", 0 } }));
    }

    /// <summary>The MIL op on [rows, count, 4] boxes and one class per row: the taken scores and indices, both [rows, max_boxes].</summary>
    private static (Value Scores, Value Indices) Suppress(OnnxNodeContext context, Value boxes, Value scores, int[] rowsByCount,
        double iouThreshold, int maxBoxes, string name)
    {
        var (rows, count) = (rowsByCount[0], rowsByCount[1]);
        var iou = context.Scalar(iouThreshold, boxes, "iou_threshold");
        if (context.Builder.Function.Target >= DeploymentTarget.iOS17)
        {
            var outputs = context.Builder.Build("non_maximum_suppression", new()
            {
                { "boxes", context.Op("transpose", new() { { "x", boxes }, { "perm", new[] { 0, 2, 1 } } }, $"{name}_boxes_last") },
                { "scores", ConverterHelpers.Reshape(context, scores, [rows, 1, count], $"{name}_scores_rows") },
                { "iou_threshold", iou }, { "max_boxes", maxBoxes },
            }, $"{name}_nms");
            return (ConverterHelpers.Reshape(context, outputs[1], [rows, maxBoxes], $"{name}_taken_scores"), outputs[2]);
        }
        var results = context.Builder.Build("non_maximum_suppression", new()
        {
            { "boxes", boxes },
            { "scores", ConverterHelpers.Reshape(context, scores, [rows, count, 1], $"{name}_scores_rows") },
            { "iou_threshold", iou }, { "score_threshold", context.Scalar(double.NegativeInfinity, boxes, "mil_score_threshold") },
            { "max_boxes", maxBoxes },
        }, $"{name}_nms");
        return (ConverterHelpers.Reshape(context, results[1], [rows, maxBoxes], $"{name}_taken_scores"), results[2]);
    }

    /// <summary>ONNX corner boxes [y1, x1, y2, x2] (either corner first) as center-size boxes [x, y, width, height].</summary>
    private static Value CenterSize(OnnxNodeContext context, Value boxes, string name)
    {
        var c = context.Builder.Build("split", new() { { "x", boxes }, { "num_splits", 4 }, { "axis", 2 } }, $"{name}_corners");
        Value Center(Value a, Value b, string axis) => context.Op("mul", new()
        {
            { "x", context.Op("add", new() { { "x", a }, { "y", b } }, $"{name}_{axis}_sum") }, { "y", context.Scalar(0.5, a, "half") },
        }, $"{name}_{axis}_center");
        Value Extent(Value a, Value b, string axis) => context.Op("abs", new() { { "x", context.Op("sub", new() { { "x", b }, { "y", a } }, $"{name}_{axis}_span") } }, $"{name}_{axis}_extent");
        return context.Op("concat", new()
        {
            { "values", new[] { Center(c[1], c[3], "x"), Center(c[0], c[2], "y"), Extent(c[1], c[3], "x"), Extent(c[0], c[2], "y") } },
            { "axis", 2 },
        }, $"{name}_center_size");
    }

    /// <summary>The (batch, class) pair of every candidate row, in (batch, class, rank) order: int32 [batches·classes·max_boxes, 2].</summary>
    private static Tensor BatchClassColumns(int batches, int classes, int maxBoxes)
    {
        var pairs = new int[batches * classes * maxBoxes * 2];
        for (var r = 0; r < batches * classes * maxBoxes; r++)
        {
            var row = r / maxBoxes;
            (pairs[2 * r], pairs[(2 * r) + 1]) = (row / classes, row % classes);
        }
        return Tensor.Create(pairs, batches * classes * maxBoxes, 2);
    }
}
