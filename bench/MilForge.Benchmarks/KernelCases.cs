using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Numerics;
using MilForge.Onnx.Building;

namespace MilForge.Benchmarks;

/// <summary>
/// One op, twice: a one-node ONNX model for ONNX Runtime and the equivalent one-op MIL program (FP32 or FP16 compute,
/// weights as consts) for the interpreter. Inputs have the same names on both sides.
/// </summary>
internal sealed record KernelCase(string Name, byte[] Onnx, Dictionary<string, Tensor> Inputs, Func<DataType, (MilProgram Program, string Output)> Mil)
{
    public static IEnumerable<string> Names => All.Keys;

    public static KernelCase Get(string name) => All[name]();

    private static readonly Dictionary<string, Func<KernelCase>> All = new(StringComparer.Ordinal)
    {
        // A ResNet-style 3x3 convolution, 64 → 64 channels at 56x56 (231 MFLOP).
        ["conv3x3_64x56x56"] = () => Conv("conv3x3_64x56x56", channels: 64, size: 56, cout: 64, groups: 1),
        // A MobileNetV2 depthwise 3x3 convolution, 144 channels at 56x56.
        ["dwconv3x3_144x56x56"] = () => Conv("dwconv3x3_144x56x56", channels: 144, size: 56, cout: 144, groups: 144),
        // A BERT-base projection: 128 tokens x 768 → 768, with bias (151 MFLOP).
        ["linear_128x768x768"] = Linear,
        // Attention scores: 12 heads of (128 x 64) · (64 x 128).
        ["matmul_12x128x64x128"] = Matmul,
        // An elementwise op on a large activation: MobileNetV2's ReLU6 at 96x112x112 (1.2 M elements).
        ["clip_96x112x112"] = Clip,
    };

    private static KernelCase Conv(string name, int channels, int size, int cout, int groups)
    {
        var x = Random(1, [1, channels, size, size], 1);
        var w = Random(2, [cout, channels / groups, 3, 3], channels / groups * 9);
        var b = Random(3, [cout], 1);
        var g = new OnnxGraphBuilder(opset: 13, name: name)
            .Input("x", DataType.Float32, 1, channels, size, size)
            .Output("y", DataType.Float32, 1, cout, size, size)
            .Initializer("w", w)
            .Initializer("b", b);
        g.Node("Conv", ["x", "w", "b"], ["y"]).Attr("pads", new long[] { 1, 1, 1, 1 }).Attr("group", (long)groups);
        return new(name, g.ToBytes(), new() { ["x"] = x }, dataType => OneOp(x, dataType, (builder, input) => builder.Single("conv", new()
        {
            { "x", input }, { "weight", w.CastTo(dataType) }, { "bias", b.CastTo(dataType) }, { "strides", new[] { 1, 1 } },
            { "pad_type", "custom" }, { "pad", new[] { 1, 1, 1, 1 } }, { "dilations", new[] { 1, 1 } }, { "groups", groups },
        })));
    }

    private static KernelCase Linear()
    {
        const string Name = "linear_128x768x768";
        var x = Random(4, [128, 768], 1);
        var w = Random(5, [768, 768], 768);
        var b = Random(6, [768], 1);
        var g = new OnnxGraphBuilder(opset: 13, name: Name)
            .Input("x", DataType.Float32, 128, 768)
            .Output("y", DataType.Float32, 128, 768)
            .Initializer("w", w)
            .Initializer("b", b);
        g.Node("Gemm", ["x", "w", "b"], ["y"]).Attr("transB", 1L);
        return new(Name, g.ToBytes(), new() { ["x"] = x }, dataType => OneOp(x, dataType, (builder, input) =>
            builder.Single("linear", new() { { "x", input }, { "weight", w.CastTo(dataType) }, { "bias", b.CastTo(dataType) } })));
    }

    private static KernelCase Matmul()
    {
        const string Name = "matmul_12x128x64x128";
        var q = Random(7, [12, 128, 64], 1);
        var k = Random(8, [12, 64, 128], 64);
        var g = new OnnxGraphBuilder(opset: 13, name: Name)
            .Input("q", DataType.Float32, 12, 128, 64)
            .Input("k", DataType.Float32, 12, 64, 128)
            .Output("y", DataType.Float32, 12, 128, 128);
        g.Node("MatMul", ["q", "k"], ["y"]);
        return new(Name, g.ToBytes(), new() { ["q"] = q, ["k"] = k }, dataType =>
        {
            var program = MilProgram.WithMain(DeploymentTarget.iOS16);
            var builder = new MilBuilder(program.Main.Body);
            var x = program.Main.AddInput("q", new TensorType(dataType, Shape.Of(q.Shape)));
            var y = program.Main.AddInput("k", new TensorType(dataType, Shape.Of(k.Shape)));
            var output = builder.Single("matmul", new() { { "x", x }, { "y", y } });
            program.Main.Body.AddOutput(output);
            return (program, output.Name);
        });
    }

    private static KernelCase Clip()
    {
        const string Name = "clip_96x112x112";
        var x = Random(9, [1, 96, 112, 112], 1);
        var g = new OnnxGraphBuilder(opset: 13, name: Name)
            .Input("x", DataType.Float32, 1, 96, 112, 112)
            .Output("y", DataType.Float32, 1, 96, 112, 112)
            .Initializer("lo", Tensor.Create(new[] { 0f }))
            .Initializer("hi", Tensor.Create(new[] { 6f }));
        g.Node("Clip", ["x", "lo", "hi"], ["y"]);
        return new(Name, g.ToBytes(), new() { ["x"] = x }, dataType => OneOp(x, dataType, (builder, input) =>
            builder.Single("clip", new()
            {
                { "x", input }, { "alpha", Tensor.Create(new[] { 0f }).CastTo(dataType) }, { "beta", Tensor.Create(new[] { 6f }).CastTo(dataType) },
            })));
    }

    /// <summary>A program whose one input <c>x</c> (shaped like <paramref name="x"/>) feeds one op.</summary>
    private static (MilProgram, string) OneOp(Tensor x, DataType dataType, Func<MilBuilder, Value, Value> op)
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var input = program.Main.AddInput("x", new TensorType(dataType, Shape.Of(x.Shape)));
        var output = op(new MilBuilder(program.Main.Body), input);
        program.Main.Body.AddOutput(output);
        return (program, output.Name);
    }

    /// <summary>Seeded uniform values in ±1/sqrt(<paramref name="fanIn"/>).</summary>
    private static Tensor Random(int seed, int[] shape, int fanIn)
    {
        var random = new Random(seed);
        var scale = 1 / MathF.Sqrt(fanIn);
        var values = new float[Broadcasting.Product(shape)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ((float)random.NextDouble() * 2 - 1) * scale;
        }
        return Tensor.Create(values, shape);
    }
}
