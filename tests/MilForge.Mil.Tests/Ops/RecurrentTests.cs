using MilForge.Diagnostics;
using MilForge.Mil.Building;

namespace MilForge.Mil.Tests.Ops;

public class RecurrentTests
{
    private static Tensor W(params int[] shape) => Tensor.Zeros(DataType.Float32, shape);

    private static OpArgs Args(Dictionary<string, Arg> items)
    {
        var args = new OpArgs();
        foreach (var (name, value) in items)
        {
            args.Add(name, value);
        }
        return args;
    }

    private static Dictionary<string, Arg> Lstm(MilHarness h, string direction, bool sequence, int steps = 5, int batch = 2, int features = 3, int hidden = 4)
    {
        var width = (direction == "bidirectional" ? 2 : 1) * hidden;
        var args = new Dictionary<string, Arg>
        {
            { "x", h.F32(steps, batch, features) }, { "initial_h", h.F32(batch, width) }, { "initial_c", h.F32(batch, width) },
            { "weight_ih", W(4 * hidden, features) }, { "weight_hh", W(4 * hidden, hidden) }, { "direction", direction },
            { "output_sequence", sequence },
        };
        if (direction == "bidirectional")
        {
            args["weight_ih_back"] = W(4 * hidden, features);
            args["weight_hh_back"] = W(4 * hidden, hidden);
        }
        return args;
    }

    [Theory]
    [InlineData("forward", true, "fp32[5, 2, 4]")]
    [InlineData("reverse", false, "fp32[1, 2, 4]")]
    [InlineData("bidirectional", true, "fp32[5, 2, 8]")]
    [InlineData("bidirectional", false, "fp32[1, 2, 8]")]
    public void LstmOutputsSequenceHAndC(string direction, bool sequence, string expected)
    {
        var h = new MilHarness();
        var types = h.Types("lstm", Args(Lstm(h, direction, sequence)));
        var state = direction == "bidirectional" ? "fp32[2, 8]" : "fp32[2, 4]";
        Assert.Equal([expected, state, state], types);
    }

    [Fact]
    public void LstmWritesCoremltoolsDefaults()
    {
        var h = new MilHarness();
        var args = Lstm(h, "forward", true);
        args.Remove("direction");
        args.Remove("output_sequence");
        var y = h.Builder.Build("lstm", Args(args))[0];
        Assert.Equal("fp32[1, 2, 4]", y.Type.ToString());
        var op = y.Producer!;
        Assert.Equal("forward", op.Input("direction")!.ConstantValue!.Storage<string>()[0]);
        Assert.Equal("sigmoid", op.Input("recurrent_activation")!.ConstantValue!.Storage<string>()[0]);
        Assert.Equal("tanh", op.Input("cell_activation")!.ConstantValue!.Storage<string>()[0]);
        Assert.Equal("tanh", op.Input("activation")!.ConstantValue!.Storage<string>()[0]);
        Assert.Null(op.Input("bias"));
        Assert.Null(op.Input("clip"));
    }

    [Fact]
    public void SymbolicSequenceAndBatchFlowThrough()
    {
        var h = new MilHarness();
        var args = new OpArgs
        {
            { "x", h.F32("s", "b", 3) }, { "initial_h", h.F32("b", 4) }, { "weight_ih", W(4, 3) }, { "weight_hh", W(4, 4) },
            { "output_sequence", true },
        };
        Assert.Equal(["fp32[s, b, 4]", "fp32[b, 4]"], h.Types("rnn", args));
    }

    [Fact]
    public void GruAndRnnOutputSequenceAndH()
    {
        var h = new MilHarness();
        var gru = new OpArgs
        {
            { "x", h.F32(6, 1, 3) }, { "initial_h", h.F32(1, 5) }, { "weight_ih", W(15, 3) }, { "weight_hh", W(15, 5) },
            { "bias", new float[15] }, { "direction", "reverse" }, { "output_sequence", true }, { "recurrent_activation", "hard_sigmoid" },
        };
        Assert.Equal(["fp32[6, 1, 5]", "fp32[1, 5]"], h.Types("gru", gru));
        var rnn = new OpArgs { { "x", h.F32(6, 2, 3) }, { "initial_h", h.F32(2, 5) }, { "weight_ih", W(5, 3) }, { "weight_hh", W(5, 5) }, { "activation", "RELU" } };
        Assert.Equal(["fp32[1, 2, 5]", "fp32[2, 5]"], h.Types("rnn", rnn));
    }

    [Fact]
    public void Fp16NeedsIos17()
    {
        OpArgs Args(MilHarness h) => new()
        {
            { "x", h.F16(2, 1, 3) }, { "initial_h", h.F16(1, 4) }, { "weight_ih", Tensor.Zeros(DataType.Float16, [4, 3]) },
            { "weight_hh", Tensor.Zeros(DataType.Float16, [4, 4]) },
        };
        var ios16 = new MilHarness(DeploymentTarget.iOS16);
        ios16.Fails(DiagnosticCodes.MilTypeMismatch, "rnn", Args(ios16));
        var ios17 = new MilHarness(DeploymentTarget.iOS17);
        Assert.Equal(["fp16[1, 1, 4]", "fp16[1, 4]"], ios17.Types("rnn", Args(ios17)));
    }

    [Fact]
    public void Errors()
    {
        var h = new MilHarness();
        var noBack = Lstm(h, "bidirectional", true);
        noBack.Remove("weight_hh_back");
        h.Fails(DiagnosticCodes.MilMalformed, "lstm", Args(noBack));
        var badActivation = Lstm(h, "forward", true);
        badActivation["cell_activation"] = "softsign";
        h.Fails(DiagnosticCodes.MilTypeMismatch, "lstm", Args(badActivation));
        var badDirection = Lstm(h, "sideways", true);
        h.Fails(DiagnosticCodes.MilTypeMismatch, "lstm", Args(badDirection));
        var wideState = Lstm(h, "forward", true);
        wideState["initial_c"] = h.F32(2, 8);
        h.Fails(DiagnosticCodes.MilBadShape, "lstm", Args(wideState));
        var peephole = Lstm(h, "forward", true);
        peephole["peephole"] = new float[4];
        h.Fails(DiagnosticCodes.MilBadShape, "lstm", Args(peephole));
        var gruBidirectional = new OpArgs
        {
            { "x", h.F32(2, 1, 3) }, { "initial_h", h.F32(1, 8) }, { "weight_ih", W(12, 3) }, { "weight_hh", W(12, 4) }, { "direction", "bidirectional" },
        };
        h.Fails(DiagnosticCodes.MilTypeMismatch, "gru", gruBidirectional);
        var gates = new OpArgs { { "x", h.F32(2, 1, 3) }, { "initial_h", h.F32(1, 4) }, { "weight_ih", W(8, 3) }, { "weight_hh", W(8, 4) } };
        h.Fails(DiagnosticCodes.MilBadShape, "gru", gates);
        var features = new OpArgs { { "x", h.F32(2, 1, 5) }, { "initial_h", h.F32(1, 4) }, { "weight_ih", W(4, 3) }, { "weight_hh", W(4, 4) } };
        h.Fails(DiagnosticCodes.MilBadShape, "rnn", features);
        var rank = new OpArgs { { "x", h.F32(2, 3) }, { "initial_h", h.F32(1, 4) }, { "weight_ih", W(4, 3) }, { "weight_hh", W(4, 4) } };
        h.Fails(DiagnosticCodes.MilBadShape, "rnn", rank);
        var runtimeWeights = new OpArgs { { "x", h.F32(2, 1, 3) }, { "initial_h", h.F32(1, 4) }, { "weight_ih", h.F32(4, 3) }, { "weight_hh", W(4, 4) } };
        h.Fails(DiagnosticCodes.MilNotConstant, "rnn", runtimeWeights);
    }
}
