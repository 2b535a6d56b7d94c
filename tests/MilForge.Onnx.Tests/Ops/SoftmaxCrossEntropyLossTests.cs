using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// SoftmaxCrossEntropyLoss: every reduction, weights, ignore_index (inside, negative, above the class range), [N, C]
/// to [N, C, d1..d5] scores, with and without the log_prob output, opsets 12 and 13.
/// </summary>
public class SoftmaxCrossEntropyLossTests
{
    private static readonly string[] Reductions = ["none", "sum", "mean"];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var opset in new[] { 12, 13 })
        {
            foreach (var reduction in Reductions)
            {
                data.Add(Case($"NC {reduction}", opset, reduction, [3, 5], seed++));
                data.Add(Case($"NC {reduction} log_prob", opset, reduction, [3, 5], seed++).Output("log_prob"));
                data.Add(Case($"NCd1 {reduction} weight log_prob", opset, reduction, [3, 5, 2], seed++).Constant("w", Weights(seed++, 5)).Output("log_prob"));
            }
        }
        foreach (var reduction in Reductions)
        {
            data.Add(Case($"NCd1d2 {reduction} ignore_index 1", 13, reduction, [2, 4, 3, 2], seed++, ignore: 1).Output("log_prob"));
            data.Add(Case($"NCd1d2 {reduction} run-time weight ignore_index 1", 13, reduction, [2, 4, 3, 2], seed++, ignore: 1).Input("w", Weights(seed++, 4)));
            data.Add(Case($"NCd1 {reduction} weight negative ignore_index", 13, reduction, [3, 5, 4], seed++, ignore: -1).Constant("w", Weights(seed++, 5)));
            data.Add(Case($"NCd1d2d3 {reduction} weight ignore_index above C", 13, reduction, [2, 3, 2, 2, 2], seed++, ignore: 10).Constant("w", Weights(seed++, 3))
                .Output("log_prob"));
            data.Add(Case($"NCd1..d5 {reduction}", 13, reduction, [2, 3, 2, 1, 2, 2, 2], seed++).Output("log_prob"));
        }
        data.Add(Case("default reduction is mean", 13, null, [4, 3, 2], seed++).Constant("w", Weights(seed++, 3)));
        data.Add(Case("large scores", 13, "mean", [4, 6], seed++, scale: 60).Output("log_prob"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void UnknownReductionIsRejected() =>
        Rejection.Assert(Case("reduction max", 13, "max", [3, 4], 1), DiagnosticCodes.OnnxBadAttribute, "reduction='max'");

    private static NodeCase Case(string name, int opset, string? reduction, int[] shape, int seed, long? ignore = null, float scale = 4) =>
        NegativeLogLikelihoodLossTests.Case(name, opset, reduction, shape, seed, ignore, op: "SoftmaxCrossEntropyLoss", scale: scale);

    private static Tensor Weights(int seed, int classes) => NegativeLogLikelihoodLossTests.Weights(seed, classes);
}
