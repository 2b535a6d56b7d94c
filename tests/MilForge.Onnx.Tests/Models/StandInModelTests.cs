using MilForge.Onnx.Building;

namespace MilForge.Onnx.Tests.Models;

/// <summary>
/// Small stand-ins of real architectures built in code with seeded random weights: a segmentation head with bilinear
/// Resize (half_pixel ×4 and an align_corners branch) and a U-Net decoder with stride-2 ConvTranspose and skip
/// concatenation. Each must match ONNX Runtime in FP32 and, within the stated tolerance, in FP16.
/// </summary>
public class StandInModelTests
{
    // FP16: a few conv layers of 8–16 channels each round inputs, weights and partial sums to binary16; 2e-2 of the
    // output range (and 2e-2 relative) bounds that, as for single Conv nodes.
    private const double Fp16Atol = 2e-2;
    private const double Fp16Rtol = 2e-2;

    /// <summary>A seed fixed by the tensor's name, so every build of a model has the same weights.</summary>
    private static int Seed(string name) => name.Aggregate(17, (h, ch) => (h * 31) + ch) & 0x7fffffff;

    private static void Conv(OnnxGraphBuilder g, string x, string y, int cin, int cout, int k, long pad)
    {
        g.Initializer($"{y}_w", TestTensors.Uniform(Seed($"{y}_w"), [cout, cin, k, k], -0.3f, 0.3f));
        g.Initializer($"{y}_b", TestTensors.Uniform(Seed($"{y}_b"), [cout], -0.1f, 0.1f));
        g.Node("Conv", [x, $"{y}_w", $"{y}_b"], [y], y).Attr("pads", [pad, pad, pad, pad]);
    }

    private static byte[] SegmentationHead()
    {
        var g = new OnnxGraphBuilder(13, "segmentation_head");
        g.Input("x", DataType.Float32, 1, 3, 8, 8);
        Conv(g, "x", "c1", 3, 8, 3, 1);
        g.Node("Relu", ["c1"], ["r1"], "r1");
        Conv(g, "r1", "c2", 8, 8, 3, 1);
        g.Initializer("roi", TestTensors.Floats([0]));
        g.Initializer("scales4", TestTensors.Floats([4], 1, 1, 4, 4));
        g.Node("Resize", ["c2", "roi", "scales4"], ["up"], "up").Attr("mode", "linear").Attr("coordinate_transformation_mode", "half_pixel");
        Conv(g, "up", "logits", 8, 5, 1, 0);
        g.Initializer("sizes", Tensor.FromLongs([1, 8, 29, 29], [4], DataType.Int64));
        g.Node("Resize", ["c2", "", "", "sizes"], ["up_ac"], "up_ac").Attr("mode", "linear").Attr("coordinate_transformation_mode", "align_corners");
        Conv(g, "up_ac", "logits_ac", 8, 5, 1, 0);
        g.Output("logits", DataType.Float32, null);
        g.Output("logits_ac", DataType.Float32, null);
        return g.ToBytes();
    }

    private static byte[] UNetDecoder()
    {
        var g = new OnnxGraphBuilder(13, "unet_decoder");
        g.Input("x", DataType.Float32, 1, 3, 16, 16);
        Conv(g, "x", "e1", 3, 8, 3, 1);
        g.Node("Relu", ["e1"], ["e1r"], "e1r");
        g.Node("MaxPool", ["e1r"], ["p1"], "p1").Attr("kernel_shape", [2L, 2L]).Attr("strides", [2L, 2L]);
        Conv(g, "p1", "e2", 8, 16, 3, 1);
        g.Node("Relu", ["e2"], ["e2r"], "e2r");
        g.Initializer("up_w", TestTensors.Uniform(Seed("up_w"), [16, 8, 2, 2], -0.3f, 0.3f));
        g.Initializer("up_b", TestTensors.Uniform(Seed("up_b"), [8], -0.1f, 0.1f));
        g.Node("ConvTranspose", ["e2r", "up_w", "up_b"], ["up"], "up").Attr("strides", [2L, 2L]);
        g.Node("Concat", ["up", "e1r"], ["cat"], "cat").Attr("axis", 1L);
        Conv(g, "cat", "d1", 16, 8, 3, 1);
        g.Node("Relu", ["d1"], ["d1r"], "d1r");
        g.Initializer("up2_w", TestTensors.Uniform(Seed("up2_w"), [8, 4, 3, 3], -0.3f, 0.3f));
        g.Node("ConvTranspose", ["d1r", "up2_w"], ["y"], "up2").Attr("strides", [2L, 2L]).Attr("pads", [1L, 1L, 1L, 1L]).Attr("output_padding", [1L, 1L]);
        g.Output("y", DataType.Float32, null);
        return g.ToBytes();
    }

    public static TheoryData<string> Models() => ["segmentation_head", "unet_decoder"];

    private static (byte[] Model, Dictionary<string, Tensor> Feeds) Build(string name) => name == "segmentation_head"
        ? (SegmentationHead(), new() { ["x"] = TestTensors.Uniform(1, [1, 3, 8, 8]) })
        : (UNetDecoder(), new() { ["x"] = TestTensors.Uniform(2, [1, 3, 16, 16]) });

    [Theory]
    [MemberData(nameof(Models))]
    public void MatchesOnnxRuntime(string name)
    {
        var (model, feeds) = Build(name);
        OnnxOracle.AssertMatches(model, feeds, 1e-4, 1e-3, name);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void MatchesOnnxRuntimeInFp16(string name)
    {
        var (model, feeds) = Build(name);
        OnnxOracle.AssertModelMatchesFp16(model, feeds, Fp16Atol, Fp16Rtol, name);
    }
}
