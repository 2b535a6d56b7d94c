using MilForge.Mil;
using MilForge.Onnx.Reading;
using MilForge.Precision;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// QuantizeLinear: int8/uint8 (zero point type or default uint8), int16/uint16 and output_dtype (opset 21),
/// per-tensor / per-axis / blocked, values on .5 boundaries (round half to even) and beyond the range (saturation),
/// constant and run-time input, opsets 10–23, at iOS15/16 (float form) and iOS17/18 (MIL quantize), and QDQ pairs.
/// </summary>
public class QuantizeLinearTests
{
    private static Tensor Input(int seed, params int[] shape) => TestTensors.Uniform(seed, shape, -3, 3);

    // x / 0.5 hits exact halves: 0.25 → 0.5 → 0, 0.75 → 1.5 → 2, -1.25 → -2.5 → -2; large values saturate.
    private static readonly Tensor Halves = TestTensors.Floats([8], 0.25f, 0.75f, -1.25f, 1.25f, -0.25f, 300f, -300f, 2.75f);

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var opset in new[] { 10, 13, 19, 21, 23 })
        {
            foreach (var (type, zp) in new[] { (DataType.Int8, (Tensor?)Tensor.Scalar((sbyte)-3)), (DataType.UInt8, Tensor.Scalar((byte)128)), (DataType.UInt8, null) })
            {
                foreach (var constant in new[] { false, true })
                {
                    var c = new NodeCase($"{type.MilName()} {(zp is null ? "no zero point" : "zero point")} {(constant ? "const" : "input")}", "QuantizeLinear", opset);
                    c = constant ? c.Constant("x", Halves) : c.Input("x", Halves);
                    c = c.Constant("scale", Tensor.Scalar(0.5f));
                    if (zp is not null)
                    {
                        c = c.Constant("zp", zp);
                    }
                    data.Add(c.Output("y", type));
                }
            }
            if (opset >= 13)
            {
                foreach (var (axis, dim) in new[] { (0, 2), (1, 3), (-1, 4) })
                {
                    data.Add(new NodeCase($"per-axis {axis}", "QuantizeLinear", opset).Input("x", Input(seed++, 2, 3, 4))
                        .Constant("scale", TestTensors.Uniform(seed++, [dim], 0.01f, 0.05f))
                        .Constant("zp", TestTensors.Longs(seed++, [dim], -20, 20).CastTo(DataType.Int8)).Attr("axis", (long)axis).Output("y", DataType.Int8));
                }
            }
            if (opset >= 21)
            {
                // int4/uint4 outputs are converted the same way, but the ONNX Runtime used here cannot load them.
                foreach (var type in new[] { DataType.Int16, DataType.UInt16 })
                {
                    data.Add(new NodeCase($"{type.MilName()}", "QuantizeLinear", opset).Input("x", Input(seed++, 3, 4))
                        .Constant("scale", Tensor.Scalar(0.001f))
                        .Constant("zp", Tensor.FromLongs([type == DataType.UInt16 ? 30000 : 1], [], type)).Output("y", type)
                        .Fp32Only("16-bit results reach 30000, where binary16 holds only multiples of 16"));
                }
                data.Add(new NodeCase("output_dtype int8", "QuantizeLinear", opset).Input("x", Halves).Constant("scale", Tensor.Scalar(0.5f))
                    .Attr("output_dtype", 3L).Output("y", DataType.Int8));
                data.Add(new NodeCase("blocked", "QuantizeLinear", opset).Input("x", Input(seed++, 4, 8))
                    .Constant("scale", TestTensors.Uniform(seed++, [4, 2], 0.01f, 0.05f))
                    .Constant("zp", TestTensors.Longs(seed++, [4, 2], -5, 5).CastTo(DataType.Int8)).Attr("axis", 1L).Attr("block_size", 4L).Output("y", DataType.Int8));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c)
    {
        foreach (var target in new[] { DeploymentTarget.iOS15, DeploymentTarget.iOS16, DeploymentTarget.iOS17, DeploymentTarget.iOS18 })
        {
            OnnxOracle.AssertMatches(c, target);
        }
        OnnxOracle.AssertMatchesFp16(c);
    }

    [Fact]
    public void QdqPairBecomesQuantizeAndDequantizeAtIos17()
    {
        var g = new Onnx.Building.OnnxGraphBuilder(13).Input("x", DataType.Float32, 2, 8).Output("y", DataType.Float32, 2, 8)
            .Initializer("s", Tensor.Scalar(0.05f)).Initializer("z", Tensor.Scalar((sbyte)2));
        g.Node("QuantizeLinear", ["x", "s", "z"], ["q"]);
        g.Node("DequantizeLinear", ["q", "s", "z"], ["y"]);
        var bytes = g.ToBytes();
        var feeds = new Dictionary<string, Tensor> { ["x"] = Input(5, 2, 8) };
        foreach (var target in new[] { DeploymentTarget.iOS15, DeploymentTarget.iOS17 })
        {
            OnnxOracle.AssertMatches(bytes, feeds, 1e-6, 1e-6, "qdq", target);
        }
        var ops = OnnxConversion.Import(OnnxModel.Parse(bytes, null, "qdq"), DeploymentTarget.iOS17).Program.Main.AllOperations()
            .Where(o => !o.IsConst).Select(o => o.Type);
        Assert.Equal(["quantize", "dequantize"], ops);
    }

    [Fact]
    public void Float8OutputIsACodedRejection()
    {
        var c = new NodeCase("float8", "QuantizeLinear", 21).Input("x", Halves).Constant("scale", Tensor.Scalar(0.5f)).Attr("output_dtype", 17L).Output("y", DataType.Float8E4M3FN);
        var e = Assert.Throws<Diagnostics.DiagnosticException>(() => OnnxConversion.Import(OnnxModel.Parse(c.ModelBytes(), null, "q")));
        Assert.Equal(Diagnostics.DiagnosticCodes.OnnxBadAttribute, e.Diagnostics[0].Code);
    }
}
