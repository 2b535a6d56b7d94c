using MilForge.CoreML.Package;
using MilForge.Onnx.Building;
using MilForge.Onnx.Reading;
using MilForge.Precision.Debugging;
using MilForge.Precision.Inputs;

namespace MilForge.Precision.Tests.Static;

/// <summary>
/// Soundness on converted ONNX models built in code (an MLP, a CNN with BatchNorm and pooling, an attention block with
/// LayerNorm and softmax, a GRU and an LSTM) and on the coremltools fixture packages: values from inputs in the ranges never leave any
/// op's bound, and the bounds name the ONNX nodes.
/// </summary>
public class OnnxModelSoundnessTests
{
    private static Tensor Weights(int seed, double scale, params int[] shape)
    {
        var r = new Random(seed);
        return Tensor.Create([.. Enumerable.Range(0, Broadcasting.Product(shape)).Select(_ => (float)(((r.NextDouble() * 2) - 1) * scale))], shape);
    }

    private static OnnxGraphBuilder Mlp()
    {
        var g = new OnnxGraphBuilder(13).Input("x", DataType.Float32, 2, 16).Output("y", DataType.Float32, 2, 4);
        g.Initializer("W1", Weights(1, 0.5, 16, 32)).Initializer("b1", Weights(2, 0.1, 32)).Initializer("W2", Weights(3, 0.5, 32, 4));
        g.Node("MatMul", ["x", "W1"], ["h"], "/fc1/MatMul");
        g.Node("Add", ["h", "b1"], ["hb"], "/fc1/Add");
        g.Node("Relu", ["hb"], ["a"], "/relu");
        g.Node("MatMul", ["a", "W2"], ["logits"], "/fc2/MatMul");
        g.Node("Softmax", ["logits"], ["y"], "/softmax").Attr("axis", -1L);
        return g;
    }

    private static OnnxGraphBuilder Cnn()
    {
        var g = new OnnxGraphBuilder(13).Input("image", DataType.Float32, 1, 3, 8, 8).Output("y", DataType.Float32, 1, 4, 1, 1);
        g.Initializer("k", Weights(4, 0.4, 4, 3, 3, 3)).Initializer("kb", Weights(5, 0.1, 4));
        g.Initializer("scale", Weights(6, 1, 4)).Initializer("bias", Weights(7, 0.2, 4)).Initializer("mean", Weights(8, 0.5, 4));
        g.Initializer("var", Tensor.Create([0.5f, 1f, 2f, 0.25f], 4));
        g.Node("Conv", ["image", "k", "kb"], ["c"], "/conv").Attr("pads", [1L, 1L, 1L, 1L]);
        g.Node("BatchNormalization", ["c", "scale", "bias", "mean", "var"], ["bn"], "/bn");
        g.Node("Sigmoid", ["bn"], ["s"], "/sigmoid");
        g.Node("Mul", ["bn", "s"], ["swish"], "/swish");
        g.Node("MaxPool", ["swish"], ["p"], "/pool").Attr("kernel_shape", [2L, 2L]).Attr("strides", [2L, 2L]);
        g.Node("GlobalAveragePool", ["p"], ["y"], "/gap");
        return g;
    }

    private static OnnxGraphBuilder Attention()
    {
        var g = new OnnxGraphBuilder(17).Input("tokens", DataType.Float32, 1, 6, 8).Output("y", DataType.Float32, 1, 6, 8);
        g.Initializer("Wq", Weights(9, 0.5, 8, 8)).Initializer("Wk", Weights(10, 0.5, 8, 8)).Initializer("Wv", Weights(11, 0.5, 8, 8));
        g.Initializer("gamma", Weights(12, 1, 8)).Initializer("beta", Weights(13, 0.3, 8)).Initializer("temperature", Tensor.Create([0.35355f], 1));
        g.Node("LayerNormalization", ["tokens", "gamma", "beta"], ["n"], "/ln").Attr("axis", -1L);
        g.Node("MatMul", ["n", "Wq"], ["q"], "/q");
        g.Node("MatMul", ["n", "Wk"], ["k"], "/k");
        g.Node("MatMul", ["n", "Wv"], ["v"], "/v");
        g.Node("Transpose", ["k"], ["kt"], "/kt").Attr("perm", [0L, 2L, 1L]);
        g.Node("MatMul", ["q", "kt"], ["scores"], "/scores");
        g.Node("Mul", ["scores", "temperature"], ["scaled"], "/scale");
        g.Node("Softmax", ["scaled"], ["p"], "/attn").Attr("axis", -1L);
        g.Node("MatMul", ["p", "v"], ["ctx"], "/ctx");
        g.Node("Add", ["ctx", "tokens"], ["y"], "/residual");
        return g;
    }

    /// <summary>A GRU or an LSTM over 6 steps (hidden 4), followed by a linear layer on the sequence.</summary>
    private static OnnxGraphBuilder Recurrent(string op)
    {
        var gates = op == "GRU" ? 3 : 4;
        var g = new OnnxGraphBuilder(14).Input("seq", DataType.Float32, 6, 1, 3).Output("y", DataType.Float32, 6, 1, 1, 2);
        g.Initializer("W", Weights(14, 1.5, 1, gates * 4, 3)).Initializer("R", Weights(15, 1.5, 1, gates * 4, 4))
            .Initializer("B", Weights(16, 0.5, 1, 2 * gates * 4)).Initializer("P", Weights(17, 1, 4, 2));
        g.Node(op, ["seq", "W", "R", "B"], ["h"], "/rnn").Attr("hidden_size", 4L);
        g.Node("MatMul", ["h", "P"], ["y"], "/proj");
        return g;
    }

    public static TheoryData<string, double, double> Models() => new()
    {
        { "mlp", -1, 1 }, { "mlp", 0, 5 }, { "cnn", 0, 1 }, { "cnn", -3, 3 }, { "attention", -1, 1 }, { "attention", -4, 2 },
        { "GRU", -3, 3 }, { "LSTM", -3, 3 },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void ConvertedOnnxModelsStayInsideTheirBounds(string name, double low, double high)
    {
        var graph = name switch { "mlp" => Mlp(), "cnn" => Cnn(), "GRU" or "LSTM" => Recurrent(name), _ => Attention() };
        var program = OnnxConversion.Convert(OnnxModel.FromProto(graph.Build(), name), new ConversionOptions()).Program;
        var input = program.Main.Inputs.Single();
        var ranges = new InputOverrides { Ranges = new Dictionary<string, InputRange> { [input.Name] = new(low, high) } };
        var signatures = program.Main.Inputs.Select(i => new TensorSignature(i.Name, i.DataType, i.Shape)).ToList();
        var report = BoundChecker.AssertSound(program, ranges, EdgeSamples.For(signatures, ranges));
        Assert.True(report.AllProven, string.Join(", ", report.Unsound.Select(o => $"{o.Name}: {o.Note}")));
        Assert.All(report.Ops, o => Assert.NotNull(o.Origin.NodeName));
        Assert.All(report.Ops.Where(o => o.IsFloat), o => Assert.True(o.Bound.Range.IsFinite, $"{o.Name} ({o.OpType}) is unbounded: {o.Bound.Range}"));
    }

    public static TheoryData<string, string> Fp32Packages() => SharedData.FixturePackages("fp32*.mlpackage", "fp32.mlpackage");

    /// <summary>The op-coverage packages (compressed weights included: their constexpr ops fold to exact constants).</summary>
    public static TheoryData<string> OpFixtures()
    {
        if (SharedData.Root is null)
        {
            return ["norms"];
        }
        return [.. Directory.GetDirectories(Path.Combine(SharedData.Root, "fixtures", "coremltools-ops")).Select(d => Path.GetFileName(d)!)
            .Where(d => d != "stateful").Order(StringComparer.Ordinal)];
    }

    [Theory]
    [MemberData(nameof(Fp32Packages))]
    public void FixturePackagesStayInsideTheirBoundsShared(string fixture, string package) =>
        AssertSoundOnTestData(SharedData.Path("fixtures", "coremltools", fixture), package);

    [Theory]
    [MemberData(nameof(OpFixtures))]
    public void OpCoveragePackagesStayInsideTheirBoundsShared(string fixture) =>
        AssertSoundOnTestData(SharedData.Path("fixtures", "coremltools-ops", fixture), "fp32.mlpackage");

    /// <summary>The fixture's own test inputs, with each input's range the hull of its values.</summary>
    private static void AssertSoundOnTestData(string dir, string package)
    {
        var program = PrecisionSubject.FromPackage(MlPackageReader.Read(Path.Combine(dir, package)).Program).Fp32;
        var sample = TestDataLoader.Load(Path.Combine(dir, "test_data_set_0"), [.. program.Main.Inputs.Select(i => new TensorSignature(i.Name, i.DataType, i.Shape))]);
        var ranges = new InputOverrides
        {
            Ranges = sample.ToDictionary(kv => kv.Key, kv => new InputRange(kv.Value.AsDoubles().Min(), kv.Value.AsDoubles().Max()), StringComparer.Ordinal),
        };
        var report = BoundChecker.AssertSound(program, ranges, [sample]);
        Assert.NotEmpty(report.Ops);
    }
}
