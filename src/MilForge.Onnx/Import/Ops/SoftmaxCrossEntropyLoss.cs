namespace MilForge.Onnx.Import.Ops;

/// <summary>
/// SoftmaxCrossEntropyLoss(scores [N, C, d1..dk], labels [N, d1..dk], weights [C]?): log_prob = scores −
/// reduce_log_sum_exp(scores, axis 1) (stable), then the negative log-likelihood loss of <see cref="NllLoss"/>;
/// output 1 (optional) is log_prob.
/// </summary>
[OnnxOp("SoftmaxCrossEntropyLoss", 12, 13)]
internal sealed class SoftmaxCrossEntropyLoss : IOnnxConverter
{
    public void Convert(OnnxNodeContext context)
    {
        var scores = context.Input(0);
        if (scores.Shape.Rank < 2)
        {
            throw context.Unsupported($"scores {scores.Shape} must be [N, C, d1..dk]");
        }
        var logProbName = context.HasOutput(1) ? context.OutputName(1) : $"{context.OutputName()}_log_prob";
        var lse = context.Op("reduce_log_sum_exp", new() { { "x", scores }, { "axes", new[] { 1 } }, { "keep_dims", true } }, $"{logProbName}_lse");
        var logProb = context.Op("sub", new() { { "x", scores }, { "y", lse } }, logProbName);
        context.SetOutput(0, NllLoss.Compute(context, logProb, context.Input(1), context.OptionalInput(2)));
        context.SetOutput(1, logProb);
    }
}
