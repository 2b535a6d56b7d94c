using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// LSTM at opsets 7, 14 and 22: every direction, layout, initial-state form and output subset (MIL lstm), and the
/// unrolled form for clip, input_forget, activations MIL lacks, sequence_lens and run-time weights; peepholes, no bias.
/// </summary>
public class LstmTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var g = new RecurrentCases("LSTM", 4, 2);
        var data = new TheoryData<NodeCase>();
        foreach (var c in g.Grid(14))
        {
            data.Add(c);
        }
        foreach (var opset in new[] { 7, 22 })
        {
            data.Add(g.Case($"opset {opset} bidirectional", opset, "bidirectional", initial: RecurrentCases.Initial.RunTime));
            data.Add(g.Case($"opset {opset} reverse", opset, "reverse", initial: RecurrentCases.Initial.Constant));
        }
        data.Add(g.Case("no bias", 14, "bidirectional", bias: false));
        data.Add(g.Case("run-time weights (unrolled)", 14, "bidirectional", initial: RecurrentCases.Initial.RunTime, runTimeWeights: true));
        data.Add(g.Case("run-time weights and peepholes (unrolled)", 14, "forward", peepholes: true, runTimeWeights: true));
        data.Add(g.Case("run-time weights without bias (unrolled)", 14, "reverse", bias: false, runTimeWeights: true));
        data.Add(g.Case("peepholes", 14, "forward", initial: RecurrentCases.Initial.RunTime, peepholes: true));
        data.Add(g.Case("peepholes bidirectional", 14, "bidirectional", initial: RecurrentCases.Initial.Constant, peepholes: true));
        data.Add(g.Case("clip (unrolled)", 14, "bidirectional", initial: RecurrentCases.Initial.RunTime, attributes: c => c.Attr("clip", 0.4f)));
        data.Add(g.Case("clip with peepholes (unrolled)", 14, "forward", peepholes: true, attributes: c => c.Attr("clip", 0.6f)));
        data.Add(g.Case("input_forget (unrolled)", 14, "reverse", initial: RecurrentCases.Initial.RunTime, attributes: c => c.Attr("input_forget", 1L)));
        data.Add(g.Case("MIL activations HardSigmoid Relu Tanh", 14, "bidirectional",
            attributes: c => c.Attr("activations", ["HardSigmoid", "Relu", "Tanh", "HardSigmoid", "Relu", "Tanh"])));
        data.Add(g.Case("different activations per direction (unrolled)", 14, "bidirectional",
            attributes: c => c.Attr("activations", ["Sigmoid", "Tanh", "Tanh", "Sigmoid", "Relu", "Tanh"])));
        data.Add(g.Case("HardSigmoid with alpha and beta (unrolled)", 14, "forward", initial: RecurrentCases.Initial.RunTime,
            attributes: c => c.Attr("activations", ["HardSigmoid", "Tanh", "Tanh"]).Attr("activation_alpha", [0.3f]).Attr("activation_beta", [0.4f])));
        data.Add(g.Case("LeakyRelu ScaledTanh Affine (unrolled)", 14, "reverse",
            attributes: c => c.Attr("activations", ["Sigmoid", "LeakyRelu", "ScaledTanh"]).Attr("activation_alpha", [0.1f, 0.8f])
                .Attr("activation_beta", [1.2f])));
        data.Add(g.Case("Softsign Softplus Elu (unrolled)", 14, "forward",
            attributes: c => c.Attr("activations", ["Sigmoid", "Softsign", "Elu"]).Attr("activation_alpha", [0.7f])));
        data.Add(g.Case("sequence_lens all T (MIL)", 14, "bidirectional", sequenceLens: [RecurrentCases.Steps, RecurrentCases.Steps]));
        data.Add(g.Case("sequence_lens masked (unrolled)", 14, "forward", initial: RecurrentCases.Initial.RunTime, sequenceLens: [2, 4]));
        data.Add(g.Case("sequence_lens masked reverse (unrolled)", 14, "reverse", initial: RecurrentCases.Initial.Constant, sequenceLens: [4, 1]));
        data.Add(g.Case("sequence_lens masked bidirectional (unrolled)", 14, "bidirectional", sequenceLens: [3, 2]));
        data.Add(g.Case("one step", 14, "bidirectional", steps: 1));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [InlineData("forward", RecurrentCases.Initial.None)]
    [InlineData("reverse", RecurrentCases.Initial.RunTime)]
    [InlineData("bidirectional", RecurrentCases.Initial.Constant)]
    public void Layout1MatchesTransposedLayout0(string direction, RecurrentCases.Initial initial) =>
        new RecurrentCases("LSTM", 4, 2).AssertLayout1MatchesTransposedLayout0(direction, initial);

    [Fact]
    public void Layout1WithSequenceLensMatchesTransposedLayout0() =>
        new RecurrentCases("LSTM", 4, 2).AssertLayout1MatchesTransposedLayout0("bidirectional", RecurrentCases.Initial.RunTime, [3, 1]);

    [Fact]
    public void RunTimeSequenceLensAreRejected() =>
        Rejection.Assert(new NodeCase("run-time sequence_lens", "LSTM", 14).Input("X", TestTensors.Uniform(1, [2, 1, 3]))
            .Constant("W", TestTensors.Uniform(2, [1, 8, 3])).Constant("R", TestTensors.Uniform(3, [1, 8, 2])).Skip()
            .Input("sequence_lens", Tensor.Vector(new[] { 1 })).Attr("hidden_size", 2L).Output("Y"), DiagnosticCodes.OnnxNotConstant, "sequence_lens");

    [Fact]
    public void UnknownActivationIsRejected() =>
        Rejection.Assert(new NodeCase("unknown activation", "LSTM", 14).Input("X", TestTensors.Uniform(1, [2, 1, 3]))
            .Constant("W", TestTensors.Uniform(2, [1, 8, 3])).Constant("R", TestTensors.Uniform(3, [1, 8, 2]))
            .Attr("hidden_size", 2L).Attr("activations", ["Sigmoid", "Gelu", "Tanh"]).Output("Y"), DiagnosticCodes.OnnxBadAttribute, "Gelu");

    [Fact]
    public void SymbolicSequenceIsRejected() =>
        Rejection.Assert(new NodeCase("symbolic T", "LSTM", 14).SymbolicInput("X", TestTensors.Uniform(1, [2, 1, 3]), 0)
            .Constant("W", TestTensors.Uniform(2, [1, 8, 3])).Constant("R", TestTensors.Uniform(3, [1, 8, 2]))
            .Attr("hidden_size", 2L).Output("Y"), DiagnosticCodes.OnnxBadAttribute, "static shape");
}
