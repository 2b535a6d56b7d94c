using MilForge.Onnx.Building;
using MilForge.OnnxRuntime;

namespace MilForge.Onnx.Tests.Models;

/// <summary>
/// Stand-in recurrent models built in code with seeded weights, as PyTorch exports them: a two-layer bidirectional
/// LSTM tagger (batch-first input, MIL lstm) and a streaming GRU with its state as input and output
/// (linear_before_reset = 1, the unrolled form), run twice chaining the state. FP32 within rtol 1e-3, atol 1e-4;
/// FP16 within rtol 2e-2 and atol 1e-2 of the output range (fp16 I/O and activations; the lstm itself stays fp32 at
/// iOS16, the unrolled GRU computes in fp16).
/// </summary>
public class RecurrentModelTests
{
    private const double Fp32Atol = 1e-4;
    private const double Fp32Rtol = 1e-3;
    private const double Fp16Atol = 1e-2;
    private const double Fp16Rtol = 2e-2;

    private const int Batch = 2;
    private const int Steps = 7;
    private const int Features = 6;
    private const int Hidden = 8;
    private const int Tags = 5;

    private static Tensor Uniform(ref int seed, int[] shape, float scale) => TestTensors.Uniform(seed++, shape, -scale, scale);

    /// <summary>x [B, T, F] → Transpose → 2 × (bidirectional LSTM → Transpose → Reshape) → Transpose → MatMul + Add → tags [B, T, K].</summary>
    private static byte[] LstmTagger()
    {
        var seed = 500;
        var g = new OnnxGraphBuilder(14, "lstm_tagger").Input("x", DataType.Float32, Batch, Steps, Features);
        g.Node("Transpose", ["x"], ["x_tbf"]).Attr("perm", [1L, 0, 2]);
        var input = "x_tbf";
        var inputSize = Features;
        for (var layer = 0; layer < 2; layer++)
        {
            var l = $"l{layer}";
            g.Initializer($"{l}_W", Uniform(ref seed, [2, 4 * Hidden, inputSize], 0.35f))
                .Initializer($"{l}_R", Uniform(ref seed, [2, 4 * Hidden, Hidden], 0.35f))
                .Initializer($"{l}_B", Uniform(ref seed, [2, 8 * Hidden], 0.35f))
                .Initializer($"{l}_shape", Tensor.Vector(0L, 0, -1));
            g.Node("LSTM", [input, $"{l}_W", $"{l}_R", $"{l}_B"], [$"{l}_Y", $"{l}_Yh", $"{l}_Yc"])
                .Attr("hidden_size", (long)Hidden).Attr("direction", "bidirectional");
            g.Node("Transpose", [$"{l}_Y"], [$"{l}_Y_tb"]).Attr("perm", [0L, 2, 1, 3]);
            g.Node("Reshape", [$"{l}_Y_tb", $"{l}_shape"], [$"{l}_out"]);
            input = $"{l}_out";
            inputSize = 2 * Hidden;
        }
        g.Node("Transpose", [input], ["features"]).Attr("perm", [1L, 0, 2]);
        g.Initializer("fc_W", Uniform(ref seed, [2 * Hidden, Tags], 0.3f)).Initializer("fc_b", Uniform(ref seed, [Tags], 0.1f));
        g.Node("MatMul", ["features", "fc_W"], ["logits"]);
        g.Node("Add", ["logits", "fc_b"], ["tags"]);
        g.Output("tags", DataType.Float32, Batch, Steps, Tags);
        return g.ToBytes();
    }

    /// <summary>x [1, T, F], h0 [1, 1, H] → Transpose → GRU (linear_before_reset = 1) → Squeeze → Transpose → y [1, T, H], h_n.</summary>
    private static byte[] StreamingGru()
    {
        var seed = 700;
        var g = new OnnxGraphBuilder(14, "streaming_gru").Input("x", DataType.Float32, 1, Steps, Features).Input("h0", DataType.Float32, 1, 1, Hidden)
            .Initializer("W", Uniform(ref seed, [1, 3 * Hidden, Features], 0.4f))
            .Initializer("R", Uniform(ref seed, [1, 3 * Hidden, Hidden], 0.4f))
            .Initializer("B", Uniform(ref seed, [1, 6 * Hidden], 0.3f))
            .Initializer("axes", Tensor.Vector(1L));
        g.Node("Transpose", ["x"], ["x_tbf"]).Attr("perm", [1L, 0, 2]);
        g.Node("GRU", ["x_tbf", "W", "R", "B", "", "h0"], ["Y", "h_n"]).Attr("hidden_size", (long)Hidden).Attr("linear_before_reset", 1L);
        g.Node("Squeeze", ["Y", "axes"], ["Y_tbh"]);
        g.Node("Transpose", ["Y_tbh"], ["y"]).Attr("perm", [1L, 0, 2]);
        g.Output("y", DataType.Float32, 1, Steps, Hidden).Output("h_n", DataType.Float32, 1, 1, Hidden);
        return g.ToBytes();
    }

    private static Dictionary<string, Tensor> TaggerFeeds() => new(StringComparer.Ordinal) { ["x"] = TestTensors.Uniform(900, [Batch, Steps, Features]) };

    /// <summary>Two chunks: the first from a zero state, the second from the state ONNX Runtime returned for the first.</summary>
    private static IEnumerable<Dictionary<string, Tensor>> StreamingChunks(byte[] model)
    {
        var first = new Dictionary<string, Tensor>(StringComparer.Ordinal)
        {
            ["x"] = TestTensors.Uniform(901, [1, Steps, Features]),
            ["h0"] = Tensor.Zeros(DataType.Float32, [1, 1, Hidden]),
        };
        yield return first;
        var state = new OrtReferenceRunner().Run(model, first, "streaming GRU chunk 1").Single(o => o.Key == "h_n").Value;
        yield return new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["x"] = TestTensors.Uniform(902, [1, Steps, Features]), ["h0"] = state };
    }

    [Fact]
    public void LstmTaggerMatchesOnnxRuntime() =>
        OnnxOracle.AssertMatches(LstmTagger(), TaggerFeeds(), Fp32Atol, Fp32Rtol, "bidirectional 2-layer LSTM tagger");

    [Fact]
    public void LstmTaggerMatchesOnnxRuntimeInFp16() =>
        OnnxOracle.AssertModelMatchesFp16(LstmTagger(), TaggerFeeds(), Fp16Atol, Fp16Rtol, "bidirectional 2-layer LSTM tagger");

    [Fact]
    public void StreamingGruChainsItsStateLikeOnnxRuntime()
    {
        var model = StreamingGru();
        var chunk = 0;
        foreach (var feeds in StreamingChunks(model))
        {
            OnnxOracle.AssertMatches(model, feeds, Fp32Atol, Fp32Rtol, $"streaming GRU chunk {++chunk}");
        }
        Assert.Equal(2, chunk);
    }

    [Fact]
    public void StreamingGruChainsItsStateLikeOnnxRuntimeInFp16()
    {
        var model = StreamingGru();
        var chunk = 0;
        foreach (var feeds in StreamingChunks(model))
        {
            OnnxOracle.AssertModelMatchesFp16(model, feeds, Fp16Atol, Fp16Rtol, $"streaming GRU chunk {++chunk}");
        }
        Assert.Equal(2, chunk);
    }
}
