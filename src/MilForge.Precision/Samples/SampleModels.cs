using MilForge.Numerics;
using MilForge.Onnx.Building;

namespace MilForge.Precision.Samples;

/// <summary>Sample ONNX models built in code (no download), for the command line's demo and the benchmarks.</summary>
public static class SampleModels
{
    /// <summary>
    /// The demo model: a small image classifier (Conv → Relu → MaxPool → Conv → Relu → GlobalAveragePool → Flatten)
    /// with an L2-normalised embedding (Gemm → x·x → ReduceSum → Sqrt → Div) before the classifier (Gemm → Softmax). The
    /// embedding's values are in the hundreds, as unnormalised features often are, so its square passes 65504: exact
    /// in FP32, infinite in FP16 — the failure the demo then locates and repairs. Input <c>image</c> (1x3x16x16,
    /// float32), output <c>probabilities</c> (1x5). The bytes are the same on every call (fixed seed).
    /// </summary>
    public static byte[] Demo()
    {
        var random = new Random(7);
        Tensor Weights(params int[] shape)
        {
            var values = new float[Broadcasting.Product(shape)];
            var scale = 1 / MathF.Sqrt(shape.Skip(1).Aggregate(1, (p, d) => p * d));
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = ((float)random.NextDouble() * 2 - 1) * scale;
            }
            return Tensor.Create(values, shape);
        }
        var g = new OnnxGraphBuilder(opset: 13, name: "milforge_demo")
            .Input("image", DataType.Float32, 1, 3, 16, 16)
            .Output("probabilities", DataType.Float32, 1, 5)
            .Initializer("conv1.weight", Weights(8, 3, 3, 3))
            .Initializer("conv1.bias", Weights(8, 1))
            .Initializer("conv2.weight", Weights(16, 8, 3, 3))
            .Initializer("embed.weight", Scaled(Weights(16, 16), 3000f))
            .Initializer("fc.weight", Weights(5, 16))
            .Initializer("fc.bias", Weights(5, 1));
        g.Node("Reshape", ["conv1.bias", "bias_shape"], ["conv1.bias.flat"], "/conv1/bias_reshape");
        g.Initializer("bias_shape", Tensor.Vector(8L));
        g.Node("Conv", ["image", "conv1.weight", "conv1.bias.flat"], ["c1"], "/conv1/Conv").Attr("pads", new long[] { 1, 1, 1, 1 });
        g.Node("Relu", ["c1"], ["r1"], "/relu1/Relu");
        g.Node("MaxPool", ["r1"], ["p1"], "/pool/MaxPool").Attr("kernel_shape", new long[] { 2, 2 }).Attr("strides", new long[] { 2, 2 });
        g.Node("Conv", ["p1", "conv2.weight"], ["c2"], "/conv2/Conv").Attr("pads", new long[] { 1, 1, 1, 1 });
        g.Node("Relu", ["c2"], ["r2"], "/relu2/Relu");
        g.Node("GlobalAveragePool", ["r2"], ["gap"], "/gap/GlobalAveragePool");
        g.Node("Flatten", ["gap"], ["flat"], "/Flatten");
        g.Node("Reshape", ["fc.bias", "fc_bias_shape"], ["fc.bias.flat"], "/fc/bias_reshape");
        g.Initializer("fc_bias_shape", Tensor.Vector(5L));
        g.Node("Gemm", ["flat", "embed.weight"], ["embedding"], "/embed/Gemm").Attr("transB", 1L);
        g.Node("Mul", ["embedding", "embedding"], ["squares"], "/l2norm/Mul");
        g.Initializer("l2_axes", Tensor.Vector(1L));
        g.Node("ReduceSum", ["squares", "l2_axes"], ["sum_squares"], "/l2norm/ReduceSum").Attr("keepdims", 1L);
        g.Node("Sqrt", ["sum_squares"], ["norm"], "/l2norm/Sqrt");
        g.Node("Div", ["embedding", "norm"], ["unit"], "/l2norm/Div");
        g.Node("Gemm", ["unit", "fc.weight", "fc.bias.flat"], ["logits"], "/fc/Gemm").Attr("transB", 1L);
        g.Node("Softmax", ["logits"], ["probabilities"], "/Softmax").Attr("axis", -1L);
        return g.ToBytes();
    }

    private static Tensor Scaled(Tensor t, float factor) => Tensor.Create([.. t.AsFloats().Select(v => v * factor)], [.. t.Shape]);
}
