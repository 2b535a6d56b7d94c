using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// NegativeLogLikelihoodLoss: every reduction, with and without weights (constant and run-time), ignore_index inside,
/// below (negative) and above the class range, [N, C] to [N, C, d1..d5] inputs, int32 and int64 targets, opsets 12/13/22.
/// </summary>
public class NegativeLogLikelihoodLossTests
{
    private static readonly string[] Reductions = ["none", "sum", "mean"];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var opset in new[] { 12, 13, 22 })
        {
            foreach (var reduction in Reductions)
            {
                data.Add(Case($"NC {reduction}", opset, reduction, [3, 5], seed++));
                data.Add(Case($"NCd1 {reduction} weight", opset, reduction, [3, 5, 2], seed++).Constant("w", Weights(seed++, 5)));
            }
        }
        foreach (var reduction in Reductions)
        {
            data.Add(Case($"NCd1d2 {reduction} run-time weight", 13, reduction, [2, 4, 3, 2], seed++).Input("w", Weights(seed++, 4)));
            data.Add(Case($"NCd1d2 {reduction} ignore_index 1", 13, reduction, [2, 4, 3, 2], seed++, ignore: 1));
            data.Add(Case($"NCd1d2 {reduction} weight ignore_index 1", 13, reduction, [2, 4, 3, 2], seed++, ignore: 1).Constant("w", Weights(seed++, 4)));
            data.Add(Case($"NCd1 {reduction} negative ignore_index", 22, reduction, [3, 5, 4], seed++, ignore: -1).Constant("w", Weights(seed++, 5)));
            data.Add(Case($"NCd1d2d3 {reduction} ignore_index above C", 22, reduction, [2, 3, 2, 2, 2], seed++, ignore: 10).Constant("w", Weights(seed++, 3)));
            data.Add(Case($"NCd1..d5 {reduction}", 13, reduction, [2, 3, 2, 1, 2, 2, 2], seed++).Constant("w", Weights(seed++, 3)));
            data.Add(Case($"NC {reduction} int32 target ignore_index -5", 13, reduction, [6, 4], seed++, ignore: -5, int32Target: true));
        }
        data.Add(Case("ignore_index never present", 13, "mean", [4, 3], seed++, ignore: 7, placeIgnored: false));
        data.Add(new NodeCase("every target ignored mean", "NegativeLogLikelihoodLoss", 13).Input("x", TestTensors.Uniform(seed++, [3, 4], -4, 0))
            .Input("t", TestTensors.LongVector(2, 2, 2)).Attr("ignore_index", 2L).Output("loss"));
        data.Add(Case("default reduction is mean", 13, null, [4, 3, 2], seed++).Constant("w", Weights(seed++, 3)));
        // An ignored target gathers class 0 (here −inf): its loss and weight must be zeroed, not multiplied by 0.
        data.Add(new NodeCase("infinite log-probability at the class ignored targets gather", "NegativeLogLikelihoodLoss", 13)
            .Input("x", TestTensors.Floats([2, 3], float.NegativeInfinity, -1, -2, float.NegativeInfinity, -0.5f, -3)).Input("t", TestTensors.LongVector(1, 2))
            .Constant("w", Weights(seed++, 3)).Attr("ignore_index", 1L).Output("loss").Fp32Only("the input holds -inf"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void UnknownReductionIsRejected() =>
        Rejection.Assert(Case("reduction max", 13, "max", [3, 4], 1), DiagnosticCodes.OnnxBadAttribute, "reduction='max'");

    /// <summary>
    /// A case on log-probabilities (NegativeLogLikelihoodLoss, in [−scale, 0)) or scores (in [−scale, scale)) of shape <paramref name="shape"/> with targets in [0, C); when an ignore_index is
    /// given, every third target is set to it (unless <paramref name="placeIgnored"/> is false).
    /// </summary>
    internal static NodeCase Case(string name, int opset, string? reduction, int[] shape, int seed, long? ignore = null, bool placeIgnored = true,
        bool int32Target = false, string op = "NegativeLogLikelihoodLoss", float scale = 4)
    {
        var targetShape = shape.Where((_, i) => i != 1).ToArray();
        var targets = TestTensors.Longs(seed + 1000, targetShape, 0, shape[1]).AsLongs();
        if (ignore is { } ii && placeIgnored)
        {
            for (var i = 0; i < targets.Length; i += 3)
            {
                targets[i] = ii;
            }
        }
        var target = int32Target ? Tensor.Create(targets.Select(t => (int)t).ToArray(), targetShape) : Tensor.Create(targets, targetShape);
        var c = new NodeCase(name, op, opset).Input("x", TestTensors.Uniform(seed, shape, -scale, op == "NegativeLogLikelihoodLoss" ? 0 : scale)).Input("t", target);
        if (reduction is not null)
        {
            c.Attr("reduction", reduction);
        }
        if (ignore is { } index)
        {
            c.Attr("ignore_index", index);
        }
        return c.Output("loss");
    }

    internal static Tensor Weights(int seed, int classes) => TestTensors.Uniform(seed, [classes], 0.25f, 2);
}
