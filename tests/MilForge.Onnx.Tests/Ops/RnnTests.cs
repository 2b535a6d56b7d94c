using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// RNN at opsets 7, 14 and 22: every direction, initial-state form and output subset (MIL rnn, one op per
/// direction); clip, activations MIL lacks and sequence_lens (unrolled); layout 1 against layout 0 between Transposes.
/// </summary>
public class RnnTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var g = new RecurrentCases("RNN", 1, 1);
        var data = new TheoryData<NodeCase>();
        foreach (var c in g.Grid(14))
        {
            data.Add(c);
        }
        foreach (var opset in new[] { 7, 22 })
        {
            data.Add(g.Case($"opset {opset} bidirectional", opset, "bidirectional", initial: RecurrentCases.Initial.RunTime));
        }
        data.Add(g.Case("no bias", 14, "reverse", bias: false));
        data.Add(g.Case("run-time weights (unrolled)", 14, "bidirectional", initial: RecurrentCases.Initial.Constant, runTimeWeights: true));
        data.Add(g.Case("Relu (MIL)", 14, "bidirectional", attributes: c => c.Attr("activations", ["Relu", "Relu"])));
        data.Add(g.Case("Sigmoid and HardSigmoid per direction (MIL)", 14, "bidirectional", attributes: c => c.Attr("activations", ["Sigmoid", "HardSigmoid"])));
        data.Add(g.Case("Affine identity (MIL linear)", 14, "forward", attributes: c => c.Attr("activations", ["Affine"]).Attr("activation_alpha", [1f]).Attr("activation_beta", [0f])));
        data.Add(g.Case("ScaledTanh (unrolled)", 14, "forward", attributes: c => c.Attr("activations", ["ScaledTanh"]).Attr("activation_alpha", [0.9f]).Attr("activation_beta", [1.1f])));
        data.Add(g.Case("ThresholdedRelu (unrolled)", 14, "reverse", attributes: c => c.Attr("activations", ["ThresholdedRelu"]).Attr("activation_alpha", [0.2f])));
        data.Add(g.Case("clip (unrolled)", 14, "bidirectional", initial: RecurrentCases.Initial.Constant, attributes: c => c.Attr("clip", 0.5f)));
        data.Add(g.Case("sequence_lens all T (MIL)", 14, "reverse", sequenceLens: [RecurrentCases.Steps, RecurrentCases.Steps]));
        data.Add(g.Case("sequence_lens masked (unrolled)", 14, "bidirectional", initial: RecurrentCases.Initial.RunTime, sequenceLens: [3, 2]));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [InlineData("reverse", RecurrentCases.Initial.Constant)]
    [InlineData("bidirectional", RecurrentCases.Initial.RunTime)]
    public void Layout1MatchesTransposedLayout0(string direction, RecurrentCases.Initial initial) =>
        new RecurrentCases("RNN", 1, 1).AssertLayout1MatchesTransposedLayout0(direction, initial);

    [Fact]
    public void WrongActivationCountIsRejected() =>
        Rejection.Assert(new NodeCase("two activations for one direction", "RNN", 14).Input("X", TestTensors.Uniform(1, [2, 1, 3]))
            .Constant("W", TestTensors.Uniform(2, [1, 2, 3])).Constant("R", TestTensors.Uniform(3, [1, 2, 2]))
            .Attr("hidden_size", 2L).Attr("activations", ["Tanh", "Tanh"]).Output("Y"), DiagnosticCodes.OnnxBadAttribute, "activations");
}
