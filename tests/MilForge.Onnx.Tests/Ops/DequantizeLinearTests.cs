using MilForge.Mil;
using MilForge.Onnx.Reading;
using MilForge.Precision;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// DequantizeLinear: int8/uint8/int32 (and int16/uint16/int4/uint4 from opset 21) data, constant and run-time,
/// per-tensor / per-axis / blocked scales, with and without a zero point, opsets 10–23; at iOS15 (float constants),
/// iOS16 (constexpr_affine_dequantize), iOS17 and iOS18 (constexpr_blockwise_shift_scale); constant float8e4m3fn and
/// float8e5m2 data (folded at import; run-time float8 data, which the ONNX Runtime adapter cannot feed, is covered by the
/// ONNX conformance tests test_dequantizelinear_e4m3fn*/e5m2).
/// </summary>
public class DequantizeLinearTests
{
    private static Tensor Ints(int seed, int[] shape, DataType type)
    {
        var range = type switch
        {
            DataType.Int8 => (-128L, 127L),
            DataType.UInt8 => (0L, 255L),
            DataType.Int4 => (-8L, 7L),
            DataType.UInt4 => (0L, 15L),
            DataType.Int16 => (-30000L, 30000L),
            DataType.UInt16 => (0L, 60000L),
            _ => (-30000L, 30000L),
        };
        return TestTensors.Longs(seed, shape, range.Item1, range.Item2).CastTo(type);
    }

    private static Tensor Scales(int seed, params int[] shape) => TestTensors.Uniform(seed, shape, 0.01f, 0.1f);

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var opset in new[] { 10, 13, 19, 21, 23 })
        {
            foreach (var type in new[] { DataType.Int8, DataType.UInt8, DataType.Int32 })
            {
                foreach (var constant in new[] { true, false })
                {
                    var x = Ints(seed++, [2, 3, 4], type);
                    var c = new NodeCase($"{type.MilName()} per-tensor {(constant ? "const" : "input")}", "DequantizeLinear", opset);
                    c = constant ? c.Constant("x", x) : c.Input("x", x);
                    c = c.Constant("scale", Tensor.Scalar(0.05f));
                    if (type != DataType.Int32)
                    {
                        c = c.Constant("zp", Ints(seed++, [], type));
                    }
                    data.Add(c.Output("y"));
                }
            }
            if (opset >= 13)
            {
                foreach (var (axis, dim) in new[] { (0, 2), (1, 3), (-1, 4) })
                {
                    foreach (var constant in new[] { true, false })
                    {
                        var x = Ints(seed++, [2, 3, 4], DataType.Int8);
                        var c = new NodeCase($"per-axis {axis} {(constant ? "const" : "input")}", "DequantizeLinear", opset);
                        c = constant ? c.Constant("x", x) : c.Input("x", x);
                        data.Add(c.Constant("scale", Scales(seed++, dim)).Constant("zp", Ints(seed++, [dim], DataType.Int8)).Attr("axis", (long)axis).Output("y"));
                    }
                }
                data.Add(new NodeCase("uint8 without zero point", "DequantizeLinear", opset).Constant("x", Ints(seed++, [4, 5], DataType.UInt8))
                    .Constant("scale", Tensor.Vector(0.5f)).Output("y"));
            }
            if (opset >= 21)
            {
                foreach (var type in new[] { DataType.Int4, DataType.UInt4, DataType.Int8, DataType.UInt8, DataType.Int16, DataType.UInt16 })
                {
                    data.Add(new NodeCase($"{type.MilName()} blocked", "DequantizeLinear", opset).Constant("x", Ints(seed++, [4, 8], type))
                        .Constant("scale", Scales(seed++, 4, 2)).Constant("zp", Ints(seed++, [4, 2], type)).Attr("axis", 1L).Attr("block_size", 4L).Output("y"));
                }
                data.Add(new NodeCase("blocked, uneven last block", "DequantizeLinear", opset).Constant("x", Ints(seed++, [6, 4], DataType.Int8))
                    .Constant("scale", Scales(seed++, 2, 4)).Attr("axis", 0L).Attr("block_size", 4L).Output("y"));
                data.Add(new NodeCase("blocked run-time data", "DequantizeLinear", opset).Input("x", Ints(seed++, [4, 8], DataType.UInt8))
                    .Constant("scale", Scales(seed++, 4, 4)).Constant("zp", Ints(seed++, [4, 4], DataType.UInt8)).Attr("axis", 1L).Attr("block_size", 2L).Output("y"));
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

    [Theory]
    [InlineData(DeploymentTarget.iOS15, "const")]
    [InlineData(DeploymentTarget.iOS16, "constexpr_affine_dequantize")]
    [InlineData(DeploymentTarget.iOS18, "constexpr_affine_dequantize")]
    public void ConstantWeightsBecomeCompressedConstants(DeploymentTarget target, string op)
    {
        var c = new NodeCase("weights", "DequantizeLinear", 13).Constant("x", Ints(1, [4, 8], DataType.Int8))
            .Constant("scale", Scales(2, 4)).Constant("zp", Ints(3, [4], DataType.Int8)).Attr("axis", 0L).Output("y");
        var program = OnnxConversion.Import(OnnxModel.Parse(c.ModelBytes(), null, "dq"), target).Program;
        var producer = program.Main.Body.Outputs[0].Producer!;
        Assert.Equal(op, producer.Type);
        if (op != "const")
        {
            Assert.Equal(DataType.Int8, producer.Input("quantized_data")!.DataType);
        }
    }

    [Fact]
    public void BlockedWeightsBecomeBlockwiseShiftScaleAtIos18AndFp16AtFp16Compute()
    {
        var c = new NodeCase("blocked", "DequantizeLinear", 21).Constant("x", Ints(1, [4, 8], DataType.Int4))
            .Constant("scale", Scales(2, 4, 2)).Attr("axis", 1L).Attr("block_size", 4L).Output("y");
        var model = OnnxModel.Parse(c.ModelBytes(), null, "dq");
        var fp32 = OnnxConversion.Import(model, DeploymentTarget.iOS18).Program.Main.Body.Outputs[0].Producer!;
        Assert.Equal("constexpr_blockwise_shift_scale", fp32.Type);
        Assert.Equal(DataType.Int4, fp32.Input("data")!.DataType);
        var fp16 = OnnxConversion.Convert(model, new ConversionOptions { Target = DeploymentTarget.iOS18 }).Program;
        var ops = fp16.Main.AllOperations().Where(o => o.Type == "constexpr_blockwise_shift_scale").ToList();
        Assert.Equal(DataType.Float16, Assert.Single(ops).Output.DataType);
    }

    [Fact]
    public void UnsupportedDataIsACodedRejection()
    {
        var c = new NodeCase("blocked scale of the wrong rank", "DequantizeLinear", 21).Input("x", Ints(1, [4], DataType.UInt8))
            .Constant("scale", Scales(2, 4, 4)).Attr("axis", 0L).Attr("block_size", 1L).Output("y");
        var e = Assert.Throws<Diagnostics.DiagnosticException>(() => OnnxConversion.Import(OnnxModel.Parse(c.ModelBytes(), null, "dq")));
        Assert.Equal(Diagnostics.DiagnosticCodes.OnnxBadAttribute, e.Diagnostics[0].Code);
    }
    // Float8 values spanning both formats' ranges (E4M3FN tops out at 448, E5M2 reaches 57344), incl. subnormals and zeros.
    private static readonly double[] Float8Values = [0, -0.0, 0.001953125, -0.015625, 0.5, -1.75, 3, 26, -240, 448, 0.375, 12];

    public static TheoryData<NodeCase> Float8Cases()
    {
        var data = new TheoryData<NodeCase>();
        foreach (var type in new[] { DataType.Float8E4M3FN, DataType.Float8E5M2 })
        {
            foreach (var opset in new[] { 19, 21 })
            {
                var x = Tensor.FromDoubles(Float8Values, [3, 4], type);
                data.Add(new NodeCase($"{type.MilName()} per-tensor", "DequantizeLinear", opset).Constant("x", x).Constant("scale", Tensor.Scalar(0.25f)).Output("y"));
                data.Add(new NodeCase($"{type.MilName()} per-axis with zero point", "DequantizeLinear", opset).Constant("x", x).Constant("scale", Scales(7, 3))
                    .Constant("zp", Tensor.FromDoubles([0, 0, 0], [3], type)).Attr("axis", 0L).Output("y"));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Float8Cases))]
    public void Float8DataMatchesOnnxRuntime(NodeCase c)
    {
        foreach (var target in new[] { DeploymentTarget.iOS15, DeploymentTarget.iOS18 })
        {
            OnnxOracle.AssertMatches(c, target);
        }
        OnnxOracle.AssertMatchesFp16(c);
    }
}
