using MilForge.Mil;
using MilForge.Onnx.Building;
using MilForge.Onnx.Reading;
using MilForge.OnnxRuntime;
using MilForge.Precision;
using MilForge.Precision.Comparison;
using MilForge.Runtime;

namespace MilForge.Onnx.Tests.Models;

/// <summary>
/// Quantized stand-ins built in code with seeded weights: (a) a conv net as ONNX Runtime's dynamic quantization exports
/// it (DynamicQuantizeLinear → ConvInteger with int8 weights → Cast → Mul by the two scales → Add bias → Relu, twice, and
/// a MatMulInteger head dequantized the same way); (b) a static QDQ net (QuantizeLinear/DequantizeLinear pairs on the
/// activations, int8 constant weights through DequantizeLinear, per-channel scales on the conv, a quantized output).
/// </summary>
public class QuantizedModelTests
{
    private const int Classes = 10;

    private static int Seed(string name) => name.Aggregate(23, (h, ch) => (h * 31) + ch) & 0x7fffffff;

    private static Tensor Int8(string name, int[] shape) => TestTensors.Longs(Seed(name), shape, -127, 127).CastTo(DataType.Int8);

    private static void DynamicConv(OnnxGraphBuilder g, string x, string y, int cin, int cout, float weightScale)
    {
        g.Initializer($"{y}_w", Int8($"{y}_w", [cout, cin, 3, 3]))
            .Initializer($"{y}_w_zp", Tensor.Scalar(0L).CastTo(DataType.Int8))
            .Initializer($"{y}_w_scale", Tensor.Scalar(weightScale))
            .Initializer($"{y}_b", TestTensors.Uniform(Seed($"{y}_b"), [cout, 1, 1], -0.1f, 0.1f));
        g.Node("DynamicQuantizeLinear", [x], [$"{y}_xq", $"{y}_xs", $"{y}_xzp"], $"{y}/DynamicQuantizeLinear");
        g.Node("ConvInteger", [$"{y}_xq", $"{y}_w", $"{y}_xzp", $"{y}_w_zp"], [$"{y}_acc"], $"{y}/ConvInteger").Attr("pads", [1L, 1, 1, 1]);
        g.Node("Cast", [$"{y}_acc"], [$"{y}_accf"], $"{y}/Cast").Attr("to", (long)TensorProtoFloat);
        g.Node("Mul", [$"{y}_xs", $"{y}_w_scale"], [$"{y}_scale"], $"{y}/ScaleMul");
        g.Node("Mul", [$"{y}_accf", $"{y}_scale"], [$"{y}_real"], $"{y}/Mul");
        g.Node("Add", [$"{y}_real", $"{y}_b"], [$"{y}_biased"], $"{y}/Add");
        g.Node("Relu", [$"{y}_biased"], [y], $"{y}/Relu");
    }

    private const int TensorProtoFloat = 1;

    /// <summary>(a): x [1, 3, 8, 8] → two dynamically quantized 3×3 convs → flatten → a MatMulInteger head of 10 logits.</summary>
    private static byte[] DynamicNet()
    {
        var g = new OnnxGraphBuilder(13, "dynamic_quantized_convnet").Input("x", DataType.Float32, 1, 3, 8, 8).Output("logits", DataType.Float32, 1, Classes);
        DynamicConv(g, "x", "c1", 3, 4, 0.004f);
        DynamicConv(g, "c1", "c2", 4, 4, 0.003f);
        g.Initializer("flat_shape", Tensor.Vector(1L, 4 * 8 * 8))
            .Initializer("fc_w", Int8("fc_w", [4 * 8 * 8, Classes]))
            .Initializer("fc_w_zp", Tensor.Scalar(0L).CastTo(DataType.Int8))
            .Initializer("fc_w_scale", Tensor.Scalar(0.002f))
            .Initializer("fc_b", TestTensors.Uniform(Seed("fc_b"), [Classes], -0.1f, 0.1f));
        g.Node("Reshape", ["c2", "flat_shape"], ["flat"], "fc/Reshape");
        g.Node("DynamicQuantizeLinear", ["flat"], ["fc_xq", "fc_xs", "fc_xzp"], "fc/DynamicQuantizeLinear");
        g.Node("MatMulInteger", ["fc_xq", "fc_w", "fc_xzp", "fc_w_zp"], ["fc_acc"], "fc/MatMulInteger");
        g.Node("Cast", ["fc_acc"], ["fc_accf"], "fc/Cast").Attr("to", (long)TensorProtoFloat);
        g.Node("Mul", ["fc_xs", "fc_w_scale"], ["fc_scale"], "fc/ScaleMul");
        g.Node("Mul", ["fc_accf", "fc_scale"], ["fc_real"], "fc/Mul");
        g.Node("Add", ["fc_real", "fc_b"], ["logits"], "fc/Add");
        return g.ToBytes();
    }

    private const float OutputScale = 0.05f;

    /// <summary>
    /// (b): x → Q/DQ (uint8) → Conv with int8 weights through a per-channel DequantizeLinear → Relu → Q/DQ → flatten →
    /// MatMul with int8 weights through a per-tensor DequantizeLinear → Add bias → Q/DQ (uint8, scale 0.05) → logits.
    /// </summary>
    private static byte[] QdqNet()
    {
        var g = new OnnxGraphBuilder(13, "qdq_convnet").Input("x", DataType.Float32, 1, 3, 8, 8).Output("logits", DataType.Float32, 1, Classes);
        void Qdq(string x, string y, float scale, long zeroPoint)
        {
            g.Initializer($"{y}_s", Tensor.Scalar(scale)).Initializer($"{y}_zp", Tensor.Scalar(zeroPoint).CastTo(DataType.UInt8));
            g.Node("QuantizeLinear", [x, $"{y}_s", $"{y}_zp"], [$"{y}_q"], $"{y}/QuantizeLinear");
            g.Node("DequantizeLinear", [$"{y}_q", $"{y}_s", $"{y}_zp"], [y], $"{y}/DequantizeLinear");
        }
        Qdq("x", "xdq", 2f / 255, 128);
        g.Initializer("conv_wq", Int8("conv_wq", [4, 3, 3, 3]))
            .Initializer("conv_ws", TestTensors.Uniform(Seed("conv_ws"), [4], 0.002f, 0.006f))
            .Initializer("conv_wzp", Tensor.FromLongs([0, 0, 0, 0], [4], DataType.Int8))
            .Initializer("conv_b", TestTensors.Uniform(Seed("conv_b"), [4], -0.1f, 0.1f));
        g.Node("DequantizeLinear", ["conv_wq", "conv_ws", "conv_wzp"], ["conv_w"], "conv/w/DequantizeLinear").Attr("axis", 0L);
        g.Node("Conv", ["xdq", "conv_w", "conv_b"], ["conv"], "conv/Conv").Attr("pads", [1L, 1, 1, 1]);
        g.Node("Relu", ["conv"], ["act"], "conv/Relu");
        Qdq("act", "actdq", 0.01f, 0);
        g.Initializer("flat_shape", Tensor.Vector(1L, 4 * 8 * 8))
            .Initializer("fc_wq", Int8("fc_wq", [4 * 8 * 8, Classes]))
            .Initializer("fc_ws", Tensor.Scalar(0.001f))
            .Initializer("fc_wzp", Tensor.Scalar(0L).CastTo(DataType.Int8))
            .Initializer("fc_b", TestTensors.Uniform(Seed("fc_b"), [Classes], -0.1f, 0.1f));
        g.Node("Reshape", ["actdq", "flat_shape"], ["flat"], "fc/Reshape");
        g.Node("DequantizeLinear", ["fc_wq", "fc_ws", "fc_wzp"], ["fc_w"], "fc/w/DequantizeLinear");
        g.Node("MatMul", ["flat", "fc_w"], ["fc"], "fc/MatMul");
        g.Node("Add", ["fc", "fc_b"], ["fc_biased"], "fc/Add");
        Qdq("fc_biased", "logits", OutputScale, 128);
        return g.ToBytes();
    }

    private static Dictionary<string, Tensor> Feeds(int seed) => new(StringComparer.Ordinal) { ["x"] = TestTensors.Uniform(seed, [1, 3, 8, 8]) };

    /// <summary>|ORT − ours| per element of the one output, converted in FP32 for <paramref name="target"/>.</summary>
    private static double[] Fp32Differences(byte[] model, Dictionary<string, Tensor> feeds, DeploymentTarget target)
    {
        var expected = new OrtReferenceRunner().Run(model, feeds, "quantized stand-in").Single().Value.AsDoubles();
        var import = OnnxConversion.Import(OnnxModel.Parse(model, null, "quantized stand-in"), target);
        var program = OnnxOracle.RoundTrip(import.Program);
        var actual = new MilInterpreter().Run(program, import.InputNames.ToDictionary(m => m.Value, m => feeds[m.Key]))[import.OutputNames[0].Value].AsDoubles();
        return [.. expected.Zip(actual, (e, a) => Math.Abs(e - a))];
    }

    public static TheoryData<int> Seeds() => [1, 2, 3];

    // FP32, (a): the composition is exact integer arithmetic with ORT's float scale, so the logits agree to float
    // rounding (1e-4); a value on a rounding boundary of an activation quantization can flip one step, which moves a
    // logit by one activation step times one weight (≤ 127 · scale product): at most 1 of the 10 logits may do so.
    [Theory]
    [MemberData(nameof(Seeds))]
    public void DynamicallyQuantizedConvNetMatchesOnnxRuntime(int seed)
    {
        var differences = Fp32Differences(DynamicNet(), Feeds(seed), DeploymentTarget.iOS16);
        Assert.True(differences.Count(d => d > 1e-4) <= 1, $"differences {string.Join(", ", differences.Select(d => d.ToString("G3")))}");
        Assert.All(differences, d => Assert.True(d < 0.05, $"difference {d}"));
    }

    // FP32, (b): the output is quantized with scale 0.05; a flipped rounding anywhere moves an output by at most one
    // step (0.05 + float rounding). At most 1 of the 10 logits may be off by that one step; the others match exactly.
    [Theory]
    [MemberData(nameof(Seeds))]
    public void QdqConvNetMatchesOnnxRuntimeWithinOneOutputStep(int seed)
    {
        foreach (var target in new[] { DeploymentTarget.iOS15, DeploymentTarget.iOS16, DeploymentTarget.iOS17 })
        {
            var differences = Fp32Differences(QdqNet(), Feeds(seed), target);
            Assert.True(differences.Count(d => d > 1e-6) <= 1, $"{target}: differences {string.Join(", ", differences.Select(d => d.ToString("G3")))}");
            Assert.All(differences, d => Assert.True(d <= OutputScale * 1.001, $"{target}: difference {d}"));
        }
    }

    // FP16: binary16 rounds the activations before each quantization (relative 2^-11), which flips a rounding for a
    // few values per layer; each flip moves a logit by one activation step times a weight. 5e-2 of the logit range
    // (and 5e-2 relative) covers a few flips in the head.
    private const double Fp16Tolerance = 5e-2;

    [Theory]
    [MemberData(nameof(Seeds))]
    public void QdqConvNetMatchesOnnxRuntimeInFp16(int seed) =>
        OnnxOracle.AssertModelMatchesFp16(QdqNet(), Feeds(seed), Fp16Tolerance, Fp16Tolerance, $"qdq convnet seed {seed}");

    /// <summary>
    /// The dynamic net's int32 accumulators (here up to ~10^5) exceed binary16's range once cast to float, so a plain
    /// FP16 conversion turns them into infinities. Kept in FP32 (ConvInteger, MatMulInteger, the Cast and the Mul by
    /// the scales, through <see cref="ConversionOptions.KeepFp32"/>) the rest runs in FP16 within the tolerance.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void DynamicallyQuantizedConvNetMatchesOnnxRuntimeInFp16WithTheAccumulatorsInFp32(int seed)
    {
        var model = DynamicNet();
        var feeds = Feeds(seed);
        var expected = new OrtReferenceRunner().Run(model, feeds, "dynamic fp16").Single().Value;
        var options = new ConversionOptions
        {
            KeepFp32 = op => op.Origin.OpType is "ConvInteger" or "MatMulInteger" or "Cast" || (op.Origin.NodeName?.EndsWith("/Mul", StringComparison.Ordinal) ?? false),
        };
        var result = OnnxConversion.Convert(OnnxModel.Parse(model, null, "dynamic fp16"), options);
        var program = OnnxOracle.RoundTrip(result.Program);
        var actual = new MilInterpreter().Run(program, result.Import.InputNames.ToDictionary(m => m.Value, m => feeds[m.Key]))[result.Import.OutputNames[0].Value]
            .CastTo(DataType.Float32);
        var range = Math.Max(1, expected.AsDoubles().Max(Math.Abs));
        var c = TensorComparer.Compare("logits", expected, actual, Fp16Tolerance * range, Fp16Tolerance);
        Assert.True(c.Passed, $"{c.Mismatches}/{c.Elements} differ, max abs {c.MaxAbsError:G4}\nexpected {expected}\nactual   {actual}");
    }

    [Theory]
    [InlineData(DeploymentTarget.iOS15)]
    [InlineData(DeploymentTarget.iOS16)]
    public void QdqWeightsStayInt8AtIos16AndBecomeFloatConstantsAtIos15(DeploymentTarget target)
    {
        var program = OnnxConversion.Import(OnnxModel.Parse(QdqNet(), null, "qdq"), target).Program;
        var ops = program.Main.AllOperations().ToList();
        var compressed = ops.Where(o => o.Type == "constexpr_affine_dequantize").ToList();
        if (target == DeploymentTarget.iOS16)
        {
            Assert.Equal(2, compressed.Count);
            Assert.All(compressed, o => Assert.Equal(DataType.Int8, o.Input("quantized_data")!.DataType));
            Assert.Contains(compressed, o => o.Origin.NodeName == "conv/w/DequantizeLinear");
        }
        else
        {
            Assert.Empty(compressed);
            var weight = ops.Single(o => o.Type == "conv").Input("weight")!;
            Assert.Equal("const", weight.Producer!.Type);
            Assert.Equal(DataType.Float32, weight.DataType);
        }
    }
}
