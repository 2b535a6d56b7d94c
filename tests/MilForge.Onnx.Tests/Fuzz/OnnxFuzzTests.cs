using MilForge.Onnx.Building;
using MilForge.Onnx.Import;
using MilForge.Onnx.Reading;

namespace MilForge.Onnx.Tests.Fuzz;

/// <summary>
/// Mutates the bytes of ONNX models (built in code here; the coremltools fixtures' model.onnx in the shared variant)
/// a few thousand times: reading and importing each mutant must end in a program or a diagnostic — never another
/// exception, never a hang. Failures print the seed and iteration so they can be replayed (MILFORGE_FUZZ_SEED shifts
/// the seeds).
/// </summary>
public class OnnxFuzzTests
{
    private static readonly TimeSpan PerModelLimit = TimeSpan.FromSeconds(20);

    /// <summary>A small CNN: Conv, BatchNormalization, Relu, MaxPool, GlobalAveragePool, Flatten, Gemm, Softmax.</summary>
    private static byte[] Cnn()
    {
        var g = new OnnxGraphBuilder(13, "cnn").Input("x", DataType.Float32, 1, 3, 8, 8).Output("p", DataType.Float32, 1, 4)
            .Initializer("w", TestTensors.Uniform(1, [4, 3, 3, 3])).Initializer("s", TestTensors.Uniform(2, [4], 0.5f, 1))
            .Initializer("bb", TestTensors.Uniform(3, [4])).Initializer("m", TestTensors.Uniform(4, [4])).Initializer("v", TestTensors.Uniform(5, [4], 0.5f, 1))
            .Initializer("fw", TestTensors.Uniform(6, [4, 4])).Initializer("fb", TestTensors.Uniform(7, [4]));
        g.Node("Conv", ["x", "w"], ["c"], "conv").Attr("pads", new long[] { 1, 1, 1, 1 });
        g.Node("BatchNormalization", ["c", "s", "bb", "m", "v"], ["n"], "bn");
        g.Node("Relu", ["n"], ["r"], "relu");
        g.Node("MaxPool", ["r"], ["mp"], "pool").Attr("kernel_shape", new long[] { 2, 2 }).Attr("strides", new long[] { 2, 2 });
        g.Node("GlobalAveragePool", ["mp"], ["gap"], "gap");
        g.Node("Flatten", ["gap"], ["f"], "flatten");
        g.Node("Gemm", ["f", "fw", "fb"], ["logits"], "fc").Attr("transB", 1L);
        g.Node("Softmax", ["logits"], ["p"], "softmax").Attr("axis", -1L);
        return g.ToBytes();
    }

    /// <summary>A PyTorch-style shape chain (Shape → Gather → Unsqueeze → Concat → Reshape), LayerNormalization, MatMul, Transpose, Split, Where.</summary>
    private static byte[] Transformerish()
    {
        var g = new OnnxGraphBuilder(17, "tfm").Input("x", DataType.Float32, 2, 4, 8).Output("y", DataType.Float32, null)
            .Initializer("idx0", Tensor.Scalar(0L)).Initializer("axes0", Tensor.Vector(0L)).Initializer("minus1", Tensor.Vector(-1L))
            .Initializer("ln_s", TestTensors.Uniform(1, [8])).Initializer("ln_b", TestTensors.Uniform(2, [8]))
            .Initializer("wq", TestTensors.Uniform(3, [8, 8])).Initializer("split", Tensor.Vector(4L, 4L)).Initializer("zero", Tensor.Scalar(0f));
        g.Node("Shape", ["x"], ["shape"], "shape");
        g.Node("Gather", ["shape", "idx0"], ["batch"], "gather").Attr("axis", 0L);
        g.Node("Unsqueeze", ["batch", "axes0"], ["batch1"], "unsqueeze");
        g.Node("Concat", ["batch1", "minus1"], ["target"], "concat").Attr("axis", 0L);
        g.Node("LayerNormalization", ["x", "ln_s", "ln_b"], ["ln"], "ln").Attr("axis", -1L);
        g.Node("MatMul", ["ln", "wq"], ["q"], "matmul");
        g.Node("Transpose", ["q"], ["qt"], "transpose").Attr("perm", new long[] { 0, 2, 1 });
        g.Node("Split", ["qt", "split"], ["a", "b"], "split").Attr("axis", 1L);
        g.Node("Greater", ["a", "zero"], ["mask"], "greater");
        g.Node("Where", ["mask", "a", "b"], ["w"], "where");
        g.Node("Reshape", ["w", "target"], ["y"], "reshape");
        return g.ToBytes();
    }

    public static TheoryData<string> Seeds() => ["cnn", "transformerish"];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void MutatedModelsGiveDiagnosticsNotCrashes(string name)
    {
        var original = name == "cnn" ? Cnn() : Transformerish();
        Assert.NotNull(Importer().Import(OnnxModel.Parse(original, directory: null, $"{name}.onnx")).Program);
        Assert.NotNull(new OnnxImporter().Import(OnnxModel.Parse(original, directory: null, $"{name}.onnx")).Program);
        Fuzz(name, original, iterations: 1500);
    }

    /// <summary>Runs the mutants; asserts no crash or hang, and that the mutations did reach the diagnostics.</summary>
    internal static void Fuzz(string name, byte[] original, int iterations)
    {
        var seed = ByteMutator.Seed(name);
        var random = new Random(seed);
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < iterations; i++)
        {
            var kind = random.Next(ByteMutator.Kinds);
            var outcome = Outcome(ByteMutator.Mutate(original, kind, random), out var failure);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            if (failure is not null)
            {
                failures.Add($"{name} seed {seed} iteration {i} (mutation {kind}): {failure}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
        Assert.True(outcomes.GetValueOrDefault("diagnostic") > iterations / 10, "too few mutants were rejected: " + string.Join(", ", outcomes));
    }

    /// <summary>The importer as conversions use it: with the interpreter's kernels as constant folder.</summary>
    private static OnnxImporter Importer() => new(new ImportOptions { Folder = new Runtime.KernelConstantFolder() });

    private static string Outcome(byte[] bytes, out string? failure) => FuzzOutcome.Classify(() =>
    {
        var model = OnnxModel.Parse(bytes, directory: null, "fuzz.onnx");
        Importer().Import(model);
        return "imported";
    }, PerModelLimit, out failure);
}

/// <summary>The same over the coremltools fixtures' ONNX models.</summary>
public class OnnxFixtureFuzzSharedTests
{
    public static TheoryData<string> Fixtures() => ["mlp", "transformer_encoder", "mask_sentinel", "weights_overflow"];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void MutatedFixtureModelsGiveDiagnosticsNotCrashes(string fixture) =>
        OnnxFuzzTests.Fuzz(fixture, File.ReadAllBytes(SharedData.Path("fixtures", "coremltools", fixture, "model.onnx")), iterations: 500);
}
