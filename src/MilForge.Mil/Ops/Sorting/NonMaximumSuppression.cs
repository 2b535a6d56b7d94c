using MilForge.Numerics;

namespace MilForge.Mil.Ops.Sorting;

/// <summary>
/// iOS15 <c>non_maximum_suppression(boxes, scores, iou_threshold, score_threshold, max_boxes, per_class_suppression=False)</c>:
/// boxes [n, B, 4] in center-size form (x, y, width, height), scores [n, B, K]. Per batch, boxes whose best class
/// score is above score_threshold are taken greedily by descending score, and a box whose IoU with a taken box (of
/// the same best class, when per_class_suppression) exceeds iou_threshold is dropped. Outputs: the taken boxes
/// [n, max_boxes, 4], their scores [n, max_boxes, K], their int32 indices [n, max_boxes] (padded with −1, the boxes
/// and scores with 0), and the int32 count per batch [n].
/// </summary>
internal class NonMaximumSuppression : OpDefinition
{
    public override string Name => "non_maximum_suppression";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("boxes", TypeDomain.FloatT),
        InputSpec.Required("scores", TypeDomain.FloatT),
        InputSpec.Const("iou_threshold", TypeDomain.FloatT),
        InputSpec.Const("score_threshold", TypeDomain.FloatT),
        InputSpec.Const("max_boxes", TypeDomain.Int32),
        InputSpec.OptionalConst("per_class_suppression", TypeDomain.Bool, _ => Tensor.Scalar(false)),
    ];

    /// <summary>True when boxes and scores carry the box count last ([n, 4, B], [n, K, B]), as from iOS17.</summary>
    protected virtual bool BoxesLast => false;

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var boxes = inputs.Type("boxes");
        var scores = inputs.Type("scores");
        if (boxes.Rank != 3 || scores.Rank != 3)
        {
            throw inputs.ShapeError($"boxes and scores must have rank 3, got {boxes.Shape} and {scores.Shape}");
        }
        var (boxAxis, dataAxis) = BoxesLast ? (2, 1) : (1, 2);
        if (boxes.Shape[dataAxis].IsKnown && boxes.Shape[dataAxis].Size != 4)
        {
            throw inputs.ShapeError($"boxes {boxes.Shape} must hold 4 coordinates per box on axis {dataAxis}");
        }
        if (!Agree(boxes.Shape[0], scores.Shape[0]) || !Agree(boxes.Shape[boxAxis], scores.Shape[boxAxis]))
        {
            throw inputs.ShapeError($"boxes {boxes.Shape} and scores {scores.Shape} disagree on the batch or the number of boxes");
        }
        var maxBoxes = inputs.Long("max_boxes");
        if (maxBoxes < 1)
        {
            throw inputs.ShapeError($"max_boxes must be at least 1, got {maxBoxes}");
        }
        var (n, m, k) = (boxes.Shape[0], Dim.Of(maxBoxes), scores.Shape[dataAxis]);
        var indices = new TensorType(DataType.Int32, new Shape([n, m]));
        if (BoxesLast)
        {
            return [new TensorType(boxes.DataType, new Shape([n, Dim.Of(4), m])), new TensorType(scores.DataType, new Shape([n, k, m])), indices];
        }
        return
        [
            new TensorType(boxes.DataType, new Shape([n, m, Dim.Of(4)])),
            new TensorType(scores.DataType, new Shape([n, m, k])),
            indices,
            new TensorType(DataType.Int32, new Shape([n])),
        ];
    }

    private static bool Agree(Dim a, Dim b) => !a.IsKnown || !b.IsKnown || a.Size == b.Size;
}

/// <summary>
/// iOS17 <c>non_maximum_suppression(boxes, scores, iou_threshold, max_boxes, per_class_suppression=False)</c>: no
/// score_threshold (every box is a candidate), boxes [n, 4, B] and scores [n, K, B] with the boxes last, outputs
/// boxes [n, 4, max_boxes], scores [n, K, max_boxes] and indices [n, max_boxes] (no count output).
/// </summary>
internal sealed class NonMaximumSuppressionIos17 : NonMaximumSuppression
{
    public override DeploymentTarget Since => DeploymentTarget.iOS17;

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("boxes", TypeDomain.FloatT),
        InputSpec.Required("scores", TypeDomain.FloatT),
        InputSpec.Const("iou_threshold", TypeDomain.FloatT),
        InputSpec.Const("max_boxes", TypeDomain.Int32),
        InputSpec.OptionalConst("per_class_suppression", TypeDomain.Bool, _ => Tensor.Scalar(false)),
    ];

    protected override bool BoxesLast => true;
}
