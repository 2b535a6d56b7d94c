namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// NonMaxSuppression is refused with a reason: MIL's <c>non_maximum_suppression</c> returns, per batch, a fixed
/// max_boxes list padded with -1 and ordered by score across classes, on center-size boxes, while ONNX returns a
/// data-dependent [N, 3] list of (batch, class, box) ordered by batch then class, with corner boxes whose corners may
/// come in either order. Rebuilding ONNX's list would need a re-sort by class, and Core ML does not specify how its
/// op treats ties or an IoU equal to the threshold, so the result could not be guaranteed to match.
/// </summary>
[OnnxOp("NonMaxSuppression", 10, 11)]
internal sealed class NonMaxSuppression : IOnnxConverter
{
    public void Convert(OnnxNodeContext context) =>
        throw context.Unsupported("NonMaxSuppression has no exact Core ML equivalent: MIL non_maximum_suppression returns per-batch padded, "
            + "score-ordered boxes, not ONNX's data-dependent (batch, class, box) list ordered by class, and its tie and threshold behaviour is unspecified");
}
