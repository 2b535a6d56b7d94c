using MilForge.Mil;
using MilForge.Mil.Building;
using static MilForge.Runtime.Tests.Kernels.RecurrentReference;

namespace MilForge.Runtime.Tests.Kernels;

public class RecurrentKernelTests
{
    private const int Batch = 3;
    private const int Features = 5;
    private const int Hidden = 4;

    private static int _seed = 100;

    private static Tensor Random(DataType type, params int[] shape) =>
        Tensor.FromFloats(TestTensors.Uniform(Interlocked.Increment(ref _seed), shape).AsFloats(), shape, type);

    private static double[] D(Tensor t) => t.AsDoubles();

    public static TheoryData<string, bool, string, string, string, bool, bool, double?> LstmCases() => new()
    {
        { "forward", true, "sigmoid", "tanh", "tanh", true, false, null },
        { "forward", false, "sigmoid", "tanh", "tanh", false, false, null },
        { "reverse", true, "sigmoid", "tanh", "tanh", true, true, null },
        { "bidirectional", true, "sigmoid", "tanh", "tanh", true, false, null },
        { "bidirectional", false, "sigmoid", "tanh", "tanh", true, true, 0.3 },
        { "forward", true, "hard_sigmoid", "relu", "linear", true, true, 0.2 },
        { "reverse", false, "tanh", "sigmoid", "scaled_tanh", false, true, null },
        { "bidirectional", true, "relu", "linear", "hard_sigmoid", true, true, 1.5 },
    };

    [Theory]
    [MemberData(nameof(LstmCases))]
    public void LstmMatchesBinary64Reference(string direction, bool sequence, string ra, string ca, string a, bool bias, bool peephole, double? clip)
    {
        const int steps = 6;
        var directions = direction == "bidirectional" ? 2 : 1;
        var h = new KernelHarness();
        var (x, h0, c0) = (Random(DataType.Float32, steps, Batch, Features), Random(DataType.Float32, Batch, directions * Hidden), Random(DataType.Float32, Batch, directions * Hidden));
        var args = new OpArgs
        {
            { "x", h.In(x) }, { "initial_h", h.In(h0) }, { "initial_c", h.In(c0) }, { "direction", direction }, { "output_sequence", sequence },
            { "recurrent_activation", ra }, { "cell_activation", ca }, { "activation", a },
        };
        var weights = new Weights[directions];
        for (var d = 0; d < directions; d++)
        {
            var suffix = d == 1 ? "_back" : "";
            var (wi, wh) = (Random(DataType.Float32, 4 * Hidden, Features), Random(DataType.Float32, 4 * Hidden, Hidden));
            var b = bias ? Random(DataType.Float32, 4 * Hidden) : null;
            var p = peephole ? Random(DataType.Float32, 3 * Hidden) : null;
            args.Add("weight_ih" + suffix, wi);
            args.Add("weight_hh" + suffix, wh);
            if (b is not null)
            {
                args.Add("bias" + suffix, b);
            }
            if (p is not null)
            {
                args.Add("peephole" + suffix, p);
            }
            weights[d] = new Weights(D(wi), D(wh), b is null ? null : D(b), p is null ? null : D(p));
        }
        if (clip is { } limit)
        {
            args.Add("clip", Tensor.FromDoubles([limit], [], DataType.Float32));
        }
        var outputs = h.Run(h.Builder.Build("lstm", args));
        var (ySeq, yH, yC) = RecurrentReference.Lstm(D(x), steps, Batch, Features, Hidden, direction, sequence, weights, D(h0), D(c0), ra, ca, a, clip);
        var width = directions * Hidden;
        Reference.AssertClose([sequence ? steps : 1, Batch, width], ySeq, outputs[0], 1e-5, 1e-4);
        Reference.AssertClose([Batch, width], yH, outputs[1], 1e-5, 1e-4);
        Reference.AssertClose([Batch, width], yC, outputs[2], 1e-5, 1e-4);
    }

    [Theory]
    [InlineData("forward", true, "sigmoid", "tanh", true)]
    [InlineData("reverse", true, "sigmoid", "tanh", true)]
    [InlineData("forward", false, "hard_sigmoid", "relu", false)]
    [InlineData("reverse", false, "tanh", "linear", true)]
    public void GruMatchesBinary64Reference(string direction, bool sequence, string ra, string a, bool bias)
    {
        const int steps = 5;
        var h = new KernelHarness();
        var (x, h0) = (Random(DataType.Float32, steps, Batch, Features), Random(DataType.Float32, Batch, Hidden));
        var (wi, wh, b) = (Random(DataType.Float32, 3 * Hidden, Features), Random(DataType.Float32, 3 * Hidden, Hidden), Random(DataType.Float32, 3 * Hidden));
        var args = new OpArgs
        {
            { "x", h.In(x) }, { "initial_h", h.In(h0) }, { "weight_ih", wi }, { "weight_hh", wh }, { "direction", direction },
            { "output_sequence", sequence }, { "recurrent_activation", ra }, { "activation", a },
        };
        if (bias)
        {
            args.Add("bias", b);
        }
        var outputs = h.Run(h.Builder.Build("gru", args));
        var (ySeq, yH) = RecurrentReference.Gru(D(x), steps, Batch, Features, Hidden, direction, sequence, new Weights(D(wi), D(wh), bias ? D(b) : null, null), D(h0), ra, a);
        Reference.AssertClose([sequence ? steps : 1, Batch, Hidden], ySeq, outputs[0], 1e-5, 1e-4);
        Reference.AssertClose([Batch, Hidden], yH, outputs[1], 1e-5, 1e-4);
    }

    [Theory]
    [InlineData("forward", true, "tanh", true)]
    [InlineData("reverse", true, "relu", true)]
    [InlineData("reverse", false, "sigmoid", false)]
    [InlineData("forward", false, "hard_sigmoid", true)]
    public void RnnMatchesBinary64Reference(string direction, bool sequence, string a, bool bias)
    {
        const int steps = 7;
        var h = new KernelHarness();
        var (x, h0) = (Random(DataType.Float32, steps, Batch, Features), Random(DataType.Float32, Batch, Hidden));
        var (wi, wh, b) = (Random(DataType.Float32, Hidden, Features), Random(DataType.Float32, Hidden, Hidden), Random(DataType.Float32, Hidden));
        var args = new OpArgs
        {
            { "x", h.In(x) }, { "initial_h", h.In(h0) }, { "weight_ih", wi }, { "weight_hh", wh }, { "direction", direction },
            { "output_sequence", sequence }, { "activation", a },
        };
        if (bias)
        {
            args.Add("bias", b);
        }
        var outputs = h.Run(h.Builder.Build("rnn", args));
        var (ySeq, yH) = RecurrentReference.Rnn(D(x), steps, Batch, Features, Hidden, direction, sequence, new Weights(D(wi), D(wh), bias ? D(b) : null, null), D(h0), a);
        Reference.AssertClose([sequence ? steps : 1, Batch, Hidden], ySeq, outputs[0], 1e-5, 1e-4);
        Reference.AssertClose([Batch, Hidden], yH, outputs[1], 1e-5, 1e-4);
    }

    [Fact]
    public void EmptySequenceReturnsTheInitialState()
    {
        var h = new KernelHarness();
        var h0 = Random(DataType.Float32, Batch, Hidden);
        var args = new OpArgs
        {
            { "x", h.In(Tensor.Zeros(DataType.Float32, [0, Batch, Features])) }, { "initial_h", h.In(h0) },
            { "weight_ih", Random(DataType.Float32, Hidden, Features) }, { "weight_hh", Random(DataType.Float32, Hidden, Hidden) },
        };
        var outputs = h.Run(h.Builder.Build("rnn", args));
        Assert.Equal(h0.AsFloats(), outputs[1].AsFloats());
        Assert.Equal(h0.AsFloats(), outputs[0].AsFloats());
    }

    [Fact]
    public void Fp16BidirectionalLstmRunsInFp16NearTheReference()
    {
        const int steps = 8;
        var h = new KernelHarness(DeploymentTarget.iOS17);
        var (x, h0, c0) = (Random(DataType.Float16, steps, Batch, Features), Random(DataType.Float16, Batch, 2 * Hidden), Random(DataType.Float16, Batch, 2 * Hidden));
        var weights = new Weights[2];
        var args = new OpArgs
        {
            { "x", h.In(x) }, { "initial_h", h.In(h0) }, { "initial_c", h.In(c0) }, { "direction", "bidirectional" }, { "output_sequence", true },
        };
        for (var d = 0; d < 2; d++)
        {
            var suffix = d == 1 ? "_back" : "";
            var (wi, wh, b) = (Random(DataType.Float16, 4 * Hidden, Features), Random(DataType.Float16, 4 * Hidden, Hidden), Random(DataType.Float16, 4 * Hidden));
            args.Add("weight_ih" + suffix, wi);
            args.Add("weight_hh" + suffix, wh);
            args.Add("bias" + suffix, b);
            weights[d] = new Weights(D(wi), D(wh), D(b), null);
        }
        var outputs = h.Run(h.Builder.Build("lstm", args));
        Assert.All(outputs, o => Assert.Equal(DataType.Float16, o.DataType));
        var (ySeq, yH, yC) = RecurrentReference.Lstm(D(x), steps, Batch, Features, Hidden, "bidirectional", true, weights, D(h0), D(c0), "sigmoid", "tanh", "tanh", null);
        Reference.AssertClose([steps, Batch, 2 * Hidden], ySeq, outputs[0], 5e-3, 1e-2);
        Reference.AssertClose([Batch, 2 * Hidden], yH, outputs[1], 5e-3, 1e-2);
        Reference.AssertClose([Batch, 2 * Hidden], yC, outputs[2], 5e-3, 1e-2);
    }

    [Theory]
    [InlineData("gru", 3)]
    [InlineData("rnn", 1)]
    public void Fp16GruAndRnnStayNearTheReference(string op, int gates)
    {
        const int steps = 6;
        var h = new KernelHarness(DeploymentTarget.iOS17);
        var (x, h0) = (Random(DataType.Float16, steps, Batch, Features), Random(DataType.Float16, Batch, Hidden));
        var (wi, wh, b) = (Random(DataType.Float16, gates * Hidden, Features), Random(DataType.Float16, gates * Hidden, Hidden), Random(DataType.Float16, gates * Hidden));
        var args = new OpArgs { { "x", h.In(x) }, { "initial_h", h.In(h0) }, { "weight_ih", wi }, { "weight_hh", wh }, { "bias", b }, { "output_sequence", true } };
        var outputs = h.Run(h.Builder.Build(op, args));
        var w = new Weights(D(wi), D(wh), D(b), null);
        var (ySeq, yH) = op == "gru"
            ? RecurrentReference.Gru(D(x), steps, Batch, Features, Hidden, "forward", true, w, D(h0), "sigmoid", "tanh")
            : RecurrentReference.Rnn(D(x), steps, Batch, Features, Hidden, "forward", true, w, D(h0), "tanh");
        Assert.Equal(DataType.Float16, outputs[0].DataType);
        Reference.AssertClose([steps, Batch, Hidden], ySeq, outputs[0], 5e-3, 1e-2);
        Reference.AssertClose([Batch, Hidden], yH, outputs[1], 5e-3, 1e-2);
    }
}
