using MilForge.Numerics;
using MilForge.Onnx.Building;
using MilForge.Onnx.Reading;
using MilForge.Precision;
using MilForge.Runtime;

namespace MilForge.TestKit;

/// <summary>
/// A deep CNN whose FP16 error is spread thin: a stem and <see cref="Stages"/> stages of Conv → BatchNormalization →
/// Relu → squeeze-excitation (GlobalAveragePool → Flatten → Gemm → Relu → Gemm → Sigmoid → Reshape → Mul), then a
/// Flatten → Gemm head with many logits. Weights are seeded uniform with fan-in scaling; every BatchNormalization's
/// statistics are re-estimated on random images (stage by stage, in FP32), so activations stay O(1) and nothing comes
/// near 65504 (|values| stay below 40). FP16 rounding alone accumulates over the stages into logit errors beyond
/// 1e-2 + 1e-2·|y| for the logits near zero: no op overflows and none is the origin of the failure (each op's own
/// error stays far inside the debugger's per-op tolerance).
/// Input <c>image</c> (1×3×16×16), output <c>logits</c> (1×<see cref="Logits"/>).
/// </summary>
public static class DiffuseErrorCnn
{
    /// <summary>Conv stages after the stem.</summary>
    public const int Stages = 16;

    /// <summary>Channels of every stage.</summary>
    public const int Channels = 8;

    /// <summary>Image height and width.</summary>
    public const int Size = 16;

    /// <summary>Output logits.</summary>
    public const int Logits = 256;

    private const int Squeeze = 4;

    // Conv biases up to ±12 that the BatchNormalization removes again: the conv outputs are rounded to FP16 at that
    // magnitude, and BN turns the rounding into an error of ~1e-3 of its O(1) output. BN shift 1.5 keeps most ReLUs
    // active (no chaotic amplification: all-FP32 ops with FP16 I/O pass easily); weak squeeze-excitation (0.5 of the
    // fan-in scale); logits about twice the features' scale, so the logits near zero fail 1e-2 + 1e-2·|y|.
    private const float ConvBias = 12, BnShift = 1.5f, SeScale = 0.5f, LogitScale = 2;

    /// <summary>The model's bytes (the same on every call).</summary>
    public static byte[] Build()
    {
        var stats = new List<(float[] Mean, float[] Variance)>();
        while (stats.Count <= Stages)
        {
            stats.Add(Estimate(Graph(stats).ToBytes(), $"conv{stats.Count}"));
        }
        return Graph(stats).ToBytes();
    }

    /// <summary>A sample image (uniform in [-1, 1), as <c>--samples</c> draws them).</summary>
    public static Dictionary<string, Tensor> Sample(int seed) => new() { ["image"] = TestTensors.Uniform(seed, [1, 3, Size, Size]) };

    /// <summary>The graph with the first <c>stats.Count</c> BatchNormalizations; when that is not all, it ends at the next conv.</summary>
    private static OnnxGraphBuilder Graph(List<(float[] Mean, float[] Variance)> stats)
    {
        var random = new Random(11);
        Tensor Uniform(float scale, params int[] shape)
        {
            var values = new float[Broadcasting.Product(shape)];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = ((float)random.NextDouble() * 2 - 1) * scale;
            }
            return Tensor.Create(values, shape);
        }
        Tensor Weights(params int[] shape) => Uniform(MathF.Sqrt(3f / shape.Skip(1).Aggregate(1, (p, d) => p * d)) * 1.4f, shape);
        var complete = stats.Count > Stages;
        var g = new OnnxGraphBuilder(opset: 13, name: "diffuse_error_cnn").Input("image", DataType.Float32, 1, 3, Size, Size);
        g.Initializer("gate_shape", Tensor.Vector(1L, Channels, 1, 1));
        var x = "image";
        for (var s = 0; s <= Stages; s++)
        {
            var inChannels = s == 0 ? 3 : Channels;
            g.Initializer($"conv{s}.weight", Weights(Channels, inChannels, 3, 3)).Initializer($"conv{s}.bias", Uniform(ConvBias, Channels));
            g.Node("Conv", [x, $"conv{s}.weight", $"conv{s}.bias"], [$"conv{s}"], $"/stage{s}/Conv").Attr("pads", new long[] { 1, 1, 1, 1 });
            var gamma = Uniform(0.25f, Channels);
            var beta = Uniform(0.3f, Channels);
            var se1 = Uniform(SeScale * MathF.Sqrt(3f / Channels), Squeeze, Channels);
            var se2 = Uniform(SeScale * MathF.Sqrt(3f / Squeeze), Channels, Squeeze);
            var se2Bias = Uniform(0.5f, Channels);
            if (s >= stats.Count)
            {
                return g.Output($"conv{s}", DataType.Float32, 1, Channels, Size, Size);
            }
            g.Initializer($"bn{s}.scale", Tensor.Create([.. gamma.AsFloats().Select(v => 1 + v)], [Channels]))
                .Initializer($"bn{s}.bias", Tensor.Create([.. beta.AsFloats().Select(v => BnShift + v)], [Channels]))
                .Initializer($"bn{s}.mean", Tensor.Create(stats[s].Mean, [Channels]))
                .Initializer($"bn{s}.var", Tensor.Create(stats[s].Variance, [Channels]));
            g.Node("BatchNormalization", [$"conv{s}", $"bn{s}.scale", $"bn{s}.bias", $"bn{s}.mean", $"bn{s}.var"], [$"bn{s}"], $"/stage{s}/BatchNormalization");
            g.Node("Relu", [$"bn{s}"], [$"relu{s}"], $"/stage{s}/Relu");
            x = $"relu{s}";
            if (s == 0)
            {
                continue;
            }
            g.Initializer($"se{s}.fc1", se1).Initializer($"se{s}.fc2", se2).Initializer($"se{s}.fc2.bias", se2Bias);
            g.Node("GlobalAveragePool", [x], [$"se{s}.pool"], $"/stage{s}/se/GlobalAveragePool");
            g.Node("Flatten", [$"se{s}.pool"], [$"se{s}.flat"], $"/stage{s}/se/Flatten");
            g.Node("Gemm", [$"se{s}.flat", $"se{s}.fc1"], [$"se{s}.squeeze"], $"/stage{s}/se/fc1/Gemm").Attr("transB", 1L);
            g.Node("Relu", [$"se{s}.squeeze"], [$"se{s}.act"], $"/stage{s}/se/Relu");
            g.Node("Gemm", [$"se{s}.act", $"se{s}.fc2", $"se{s}.fc2.bias"], [$"se{s}.excite"], $"/stage{s}/se/fc2/Gemm").Attr("transB", 1L);
            g.Node("Sigmoid", [$"se{s}.excite"], [$"se{s}.gate"], $"/stage{s}/se/Sigmoid");
            g.Node("Reshape", [$"se{s}.gate", "gate_shape"], [$"se{s}.gate4d"], $"/stage{s}/se/Reshape");
            g.Node("Mul", [x, $"se{s}.gate4d"], [$"stage{s}"], $"/stage{s}/se/Mul");
            x = $"stage{s}";
        }
        const int Features = Channels * Size * Size;
        g.Initializer("head.weight", Uniform(LogitScale * MathF.Sqrt(3f / Features), Logits, Features)).Initializer("head.bias", Uniform(0.1f, Logits));
        g.Node("Flatten", [x], ["features"], "/head/Flatten");
        g.Node("Gemm", ["features", "head.weight", "head.bias"], ["logits"], "/head/Gemm").Attr("transB", 1L);
        return complete ? g.Output("logits", DataType.Float32, 1, Logits) : g;
    }

    /// <summary>Per-channel mean and variance of <paramref name="output"/> over random images, in FP32.</summary>
    private static (float[] Mean, float[] Variance) Estimate(byte[] model, string output)
    {
        var program = OnnxConversion.Convert(OnnxModel.Parse(model, null, "diffuse"), new ConversionOptions { Precision = ComputePrecision.Fp32 }).Program;
        var (sum, squares, count) = (new double[Channels], new double[Channels], 0L);
        var interpreter = new MilInterpreter();
        for (var seed = 100; seed < 102; seed++)
        {
            var values = interpreter.Run(program, Sample(seed))[output].AsFloats();
            var plane = values.Length / Channels;
            for (var i = 0; i < values.Length; i++)
            {
                sum[i / plane] += values[i];
                squares[i / plane] += (double)values[i] * values[i];
            }
            count += plane;
        }
        var mean = sum.Select(v => (float)(v / count)).ToArray();
        return (mean, [.. squares.Select((q, c) => (float)Math.Max(1e-3, (q / count) - (mean[c] * (double)mean[c])))]);
    }
}
