using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// GRU at opsets 7, 14 and 22: every direction, initial-state form and output subset, for linear_before_reset 0
/// (MIL gru, one op per direction) and 1 (unrolled, PyTorch's GRU); clip, activations and sequence_lens (unrolled);
/// layout 1 against layout 0 between Transposes.
/// </summary>
public class GruTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var g = new RecurrentCases("GRU", 3, 1);
        var data = new TheoryData<NodeCase>();
        foreach (var c in g.Grid(14))
        {
            data.Add(c);
        }
        foreach (var direction in new[] { "forward", "reverse", "bidirectional" })
        {
            data.Add(g.Case($"linear_before_reset 1 {direction} (unrolled)", 14, direction, initial: RecurrentCases.Initial.RunTime,
                attributes: c => c.Attr("linear_before_reset", 1L)));
        }
        foreach (var opset in new[] { 7, 22 })
        {
            data.Add(g.Case($"opset {opset} bidirectional", opset, "bidirectional", initial: RecurrentCases.Initial.Constant));
            data.Add(g.Case($"opset {opset} linear_before_reset 1 (unrolled)", opset, "reverse", attributes: c => c.Attr("linear_before_reset", 1L)));
        }
        data.Add(g.Case("no bias", 14, "bidirectional", bias: false));
        data.Add(g.Case("run-time weights (unrolled)", 14, "bidirectional", initial: RecurrentCases.Initial.RunTime, runTimeWeights: true));
        data.Add(g.Case("run-time weights linear_before_reset 1 (unrolled)", 14, "reverse", runTimeWeights: true,
            attributes: c => c.Attr("linear_before_reset", 1L)));
        data.Add(g.Case("clip (unrolled)", 14, "forward", initial: RecurrentCases.Initial.RunTime, attributes: c => c.Attr("clip", 0.3f)));
        data.Add(g.Case("MIL activations HardSigmoid Relu", 14, "reverse", attributes: c => c.Attr("activations", ["HardSigmoid", "Relu"])));
        data.Add(g.Case("per-direction MIL activations", 14, "bidirectional",
            attributes: c => c.Attr("activations", ["Sigmoid", "Tanh", "HardSigmoid", "Relu"])));
        data.Add(g.Case("LeakyRelu Affine (unrolled)", 14, "forward",
            attributes: c => c.Attr("activations", ["Sigmoid", "Affine"]).Attr("activation_alpha", [0.5f]).Attr("activation_beta", [0.1f])));
        data.Add(g.Case("sequence_lens all T (MIL)", 14, "forward", sequenceLens: [RecurrentCases.Steps, RecurrentCases.Steps]));
        data.Add(g.Case("sequence_lens masked bidirectional (unrolled)", 14, "bidirectional", initial: RecurrentCases.Initial.RunTime, sequenceLens: [1, 3]));
        data.Add(g.Case("sequence_lens masked linear_before_reset 1 (unrolled)", 14, "reverse", sequenceLens: [2, 4],
            attributes: c => c.Attr("linear_before_reset", 1L)));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [InlineData("forward", RecurrentCases.Initial.RunTime)]
    [InlineData("bidirectional", RecurrentCases.Initial.None)]
    public void Layout1MatchesTransposedLayout0(string direction, RecurrentCases.Initial initial) =>
        new RecurrentCases("GRU", 3, 1).AssertLayout1MatchesTransposedLayout0(direction, initial);

    [Fact]
    public void SymbolicSequenceIsRejected() =>
        Rejection.Assert(new NodeCase("symbolic T", "GRU", 14).SymbolicInput("X", TestTensors.Uniform(1, [2, 1, 3]), 0)
            .Constant("W", TestTensors.Uniform(2, [1, 6, 3])).Constant("R", TestTensors.Uniform(3, [1, 6, 2]))
            .Attr("hidden_size", 2L).Output("Y"), DiagnosticCodes.OnnxBadAttribute, "static shape");
}
