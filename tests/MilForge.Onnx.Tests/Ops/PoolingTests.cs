using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// MaxPool and AveragePool over 1–3 spatial dims: pads (incl. asymmetric), strides, ceil_mode, count_include_pad,
/// auto_pad SAME_UPPER/SAME_LOWER/VALID, opsets; dilations (composed of strided slices) with all of those, in FP32 and
/// FP16; int8/uint8 MaxPool; MaxPool's Indices output and dilations over symbolic spatial dims are refused.
/// </summary>
public class PoolingTests
{
    private static readonly (string Name, int[] X, Func<NodeCase, NodeCase> Attrs)[] Geometries =
    [
        ("1-D", [1, 2, 9], c => c.Attr("kernel_shape", [3L])),
        ("1-D strided padded", [2, 2, 10], c => c.Attr("kernel_shape", [3L]).Attr("strides", [2L]).Attr("pads", [1L, 2L])),
        ("2-D", [2, 3, 7, 8], c => c.Attr("kernel_shape", [3L, 3L])),
        ("2-D strides", [1, 2, 9, 8], c => c.Attr("kernel_shape", [3L, 2L]).Attr("strides", [2L, 3L])),
        ("2-D pads", [1, 2, 6, 6], c => c.Attr("kernel_shape", [3L, 3L]).Attr("pads", [1L, 1L, 1L, 1L])),
        ("2-D asymmetric pads", [1, 2, 6, 5], c => c.Attr("kernel_shape", [3L, 3L]).Attr("pads", [0L, 1L, 2L, 0L])),
        ("2-D ceil", [1, 2, 8, 8], c => c.Attr("kernel_shape", [3L, 3L]).Attr("strides", [2L, 2L]).Attr("ceil_mode", 1L)),
        ("2-D ceil padded", [1, 2, 8, 7], c => c.Attr("kernel_shape", [3L, 3L]).Attr("strides", [2L, 2L]).Attr("pads", [1L, 1L, 1L, 1L]).Attr("ceil_mode", 1L)),
        ("2-D ceil last window in padding", [1, 1, 5, 5], c => c.Attr("kernel_shape", [2L, 2L]).Attr("strides", [2L, 2L]).Attr("pads", [1L, 1L, 1L, 1L])
            .Attr("ceil_mode", 1L)),
        ("2-D ceil no effect", [1, 1, 7, 7], c => c.Attr("kernel_shape", [3L, 3L]).Attr("strides", [2L, 2L]).Attr("ceil_mode", 1L)),
        ("2-D SAME_UPPER", [1, 2, 7, 8], c => c.Attr("kernel_shape", [2L, 3L]).Attr("strides", [2L, 2L]).Attr("auto_pad", "SAME_UPPER")),
        ("2-D SAME_LOWER", [1, 2, 7, 8], c => c.Attr("kernel_shape", [2L, 3L]).Attr("strides", [2L, 2L]).Attr("auto_pad", "SAME_LOWER")),
        ("2-D SAME_UPPER stride 1", [1, 2, 5, 6], c => c.Attr("kernel_shape", [4L, 3L]).Attr("auto_pad", "SAME_UPPER")),
        ("2-D VALID", [1, 2, 7, 8], c => c.Attr("kernel_shape", [3L, 3L]).Attr("strides", [2L, 2L]).Attr("auto_pad", "VALID")),
        ("3-D", [1, 2, 5, 6, 7], c => c.Attr("kernel_shape", [2L, 3L, 2L]).Attr("strides", [1L, 2L, 2L])),
        ("3-D pads ceil", [1, 2, 5, 6, 7], c => c.Attr("kernel_shape", [3L, 3L, 2L]).Attr("strides", [2L, 2L, 2L]).Attr("pads", [1L, 0L, 1L, 1L, 1L, 0L])
            .Attr("ceil_mode", 1L)),
    ];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var op in new[] { "MaxPool", "AveragePool" })
        {
            foreach (var (name, x, attrs) in Geometries)
            {
                data.Add(attrs(new NodeCase(name, op, 11).Input("x", TestTensors.Uniform(seed++, x, -3, 3))).Output("y"));
            }
            foreach (var opset in op == "MaxPool" ? new[] { 8, 10, 12, 22 } : [7, 10, 19, 22])
            {
                data.Add(new NodeCase($"opset {opset}", op, opset).Input("x", TestTensors.Uniform(seed++, [1, 2, 6, 6], -3, 3))
                    .Attr("kernel_shape", [3L, 3L]).Attr("strides", [2L, 2L]).Attr("pads", [1L, 1L, 1L, 1L]).Output("y"));
            }
        }
        foreach (var (name, x, attrs) in Geometries.Where(g => g.Name.Contains("pad", StringComparison.Ordinal) || g.Name.Contains("ceil", StringComparison.Ordinal)))
        {
            data.Add(attrs(new NodeCase($"{name}, count_include_pad", "AveragePool", 19).Input("x", TestTensors.Uniform(seed++, x, -3, 3)))
                .Attr("count_include_pad", 1L).Output("y"));
        }
        data.Add(new NodeCase("count_include_pad opset 7", "AveragePool", 7).Input("x", TestTensors.Uniform(seed++, [1, 1, 5, 5]))
            .Attr("kernel_shape", [3L, 3L]).Attr("pads", [1L, 1L, 1L, 1L]).Attr("count_include_pad", 1L).Output("y"));
        data.Add(new NodeCase("infinities", "MaxPool", 12)
            .Input("x", TestTensors.Floats([1, 1, 2, 3], float.NegativeInfinity, 1, float.PositiveInfinity, -65504, float.NegativeInfinity, 0))
            .Attr("kernel_shape", [2L, 2L]).Attr("pads", [0L, 0L, 0L, 1L]).Output("y"));
        // Not MaxPool: ONNX leaves NaN in a max window undefined and ONNX Runtime's SIMD max lets the window's last element win.
        data.Add(new NodeCase("NaN", "AveragePool", 19).Input("x", TestTensors.Floats([1, 1, 2, 3], float.NaN, 1, 2, 3, float.NaN, 0))
            .Attr("kernel_shape", [1L, 2L]).Output("y"));
        data.Add(new NodeCase("all negative with padding", "MaxPool", 12).Input("x", TestTensors.Uniform(seed++, [1, 1, 4, 4], -5, -1))
            .Attr("kernel_shape", [3L, 3L]).Attr("pads", [1L, 1L, 1L, 1L]).Output("y"));
        data.Add(new NodeCase("symbolic spatial ceil", "MaxPool", 12).SymbolicInput("x", TestTensors.Uniform(seed++, [1, 2, 8, 7]), 2, 3)
            .Attr("kernel_shape", [3L, 3L]).Attr("strides", [2L, 2L]).Attr("pads", [1L, 1L, 1L, 1L]).Attr("ceil_mode", 1L).Output("y"));
        data.Add(new NodeCase("symbolic batch", "AveragePool", 19).SymbolicInput("x", TestTensors.Uniform(seed++, [2, 2, 6, 6]), 0)
            .Attr("kernel_shape", [3L, 3L]).Attr("strides", [2L, 2L]).Attr("auto_pad", "SAME_UPPER").Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    private static readonly (string Name, int[] X, Func<NodeCase, NodeCase> Attrs)[] DilatedGeometries =
    [
        ("1-D", [1, 2, 10], c => c.Attr("kernel_shape", [3L]).Attr("dilations", [2L])),
        ("2-D", [1, 1, 4, 4], c => c.Attr("kernel_shape", [2L, 2L]).Attr("dilations", [2L, 2L])),
        ("2-D mixed strided padded", [2, 2, 9, 8], c => c.Attr("kernel_shape", [3L, 2L]).Attr("dilations", [2L, 3L]).Attr("strides", [2L, 1L])
            .Attr("pads", [1L, 1L, 2L, 1L])),
        ("2-D ceil", [1, 2, 9, 9], c => c.Attr("kernel_shape", [2L, 2L]).Attr("dilations", [2L, 2L]).Attr("strides", [2L, 2L]).Attr("ceil_mode", 1L)),
        ("2-D ceil padded", [1, 1, 6, 7], c => c.Attr("kernel_shape", [2L, 3L]).Attr("dilations", [3L, 2L]).Attr("strides", [3L, 2L])
            .Attr("pads", [1L, 1L, 1L, 1L]).Attr("ceil_mode", 1L)),
        ("2-D ceil last window in padding", [1, 1, 5, 5], c => c.Attr("kernel_shape", [2L, 2L]).Attr("dilations", [2L, 2L]).Attr("strides", [3L, 3L])
            .Attr("pads", [1L, 1L, 1L, 1L]).Attr("ceil_mode", 1L)),
        ("2-D VALID", [1, 2, 8, 9], c => c.Attr("kernel_shape", [3L, 2L]).Attr("dilations", [2L, 2L]).Attr("strides", [2L, 2L]).Attr("auto_pad", "VALID")),
        ("2-D window wider than the input", [1, 1, 4, 5], c => c.Attr("kernel_shape", [2L, 2L]).Attr("dilations", [3L, 4L]).Attr("pads", [0L, 1L, 0L, 1L])),
        ("3-D", [1, 2, 6, 5, 7], c => c.Attr("kernel_shape", [2L, 2L, 3L]).Attr("dilations", [2L, 2L, 2L]).Attr("strides", [1L, 2L, 2L])),
        ("3-D pads ceil", [1, 1, 7, 6, 6], c => c.Attr("kernel_shape", [2L, 2L, 2L]).Attr("dilations", [2L, 3L, 2L]).Attr("strides", [2L, 2L, 3L])
            .Attr("pads", [1L, 0L, 1L, 1L, 1L, 0L]).Attr("ceil_mode", 1L)),
    ];

    public static TheoryData<NodeCase> DilatedCases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 100;
        foreach (var (op, opset) in new[] { ("MaxPool", 12), ("AveragePool", 19) })
        {
            foreach (var (name, x, attrs) in DilatedGeometries)
            {
                data.Add(attrs(new NodeCase($"dilated {name}", op, opset).Input("x", TestTensors.Uniform(seed++, x, -3, 3))).Output("y"));
            }
            data.Add(new NodeCase("dilated, opset 22", op, 22).Input("x", TestTensors.Uniform(seed++, [1, 2, 7, 7], -3, 3))
                .Attr("kernel_shape", [3L, 3L]).Attr("dilations", [2L, 2L]).Attr("pads", [1L, 1L, 1L, 1L]).Output("y"));
            data.Add(new NodeCase("dilated, symbolic batch", op, opset).SymbolicInput("x", TestTensors.Uniform(seed++, [3, 2, 6, 6], -3, 3), 0)
                .Attr("kernel_shape", [2L, 2L]).Attr("dilations", [2L, 1L]).Attr("strides", [1L, 2L]).Output("y"));
        }
        data.Add(new NodeCase("dilated, opset 10", "MaxPool", 10).Input("x", TestTensors.Uniform(seed++, [1, 2, 7, 7], -3, 3))
            .Attr("kernel_shape", [2L, 2L]).Attr("dilations", [2L, 2L]).Attr("storage_order", 1L).Output("y"));
        data.Add(new NodeCase("uint8", "MaxPool", 12).Input("x", TestTensors.Longs(seed++, [1, 2, 5, 5], 0, 255).CastTo(DataType.UInt8))
            .Attr("kernel_shape", [2L, 2L]).Attr("pads", [1L, 1L, 0L, 0L]).Output("y", DataType.UInt8));
        data.Add(new NodeCase("int8 dilated", "MaxPool", 12).Input("x", TestTensors.Longs(seed++, [1, 1, 6, 6], -128, 127).CastTo(DataType.Int8))
            .Attr("kernel_shape", [2L, 2L]).Attr("dilations", [2L, 2L]).Attr("pads", [1L, 1L, 1L, 1L]).Output("y", DataType.Int8));
        data.Add(new NodeCase("dilated, all negative with padding", "MaxPool", 12).Input("x", TestTensors.Uniform(seed++, [1, 1, 5, 5], -5, -1))
            .Attr("kernel_shape", [3L, 3L]).Attr("dilations", [2L, 2L]).Attr("pads", [2L, 2L, 2L, 2L]).Output("y"));
        foreach (var (name, x, attrs) in DilatedGeometries.Where(g => g.Name.Contains("pad", StringComparison.Ordinal) || g.Name.Contains("ceil", StringComparison.Ordinal)
            || g.Name.Contains("wider", StringComparison.Ordinal)))
        {
            data.Add(attrs(new NodeCase($"dilated {name}, count_include_pad", "AveragePool", 19).Input("x", TestTensors.Uniform(seed++, x, -3, 3)))
                .Attr("count_include_pad", 1L).Output("y"));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DilatedCases))]
    public void DilatedMatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(DilatedCases))]
    public void DilatedMatchesOnnxRuntimeInFp16(NodeCase c) => OnnxOracle.AssertMatchesFp16(c);

    [Theory]
    [InlineData("MaxPool", 12)]
    [InlineData("AveragePool", 19)]
    public void DilationsOverSymbolicSpatialDimsAreRejected(string op, int opset) =>
        Rejection.Assert(new NodeCase("dilated symbolic", op, opset).SymbolicInput("x", TestTensors.Uniform(1, [1, 1, 7, 7]), 2)
            .Attr("kernel_shape", [2L, 2L]).Attr("dilations", [2L, 2L]).Output("y"), DiagnosticCodes.OnnxBadAttribute, "static spatial dims");

    [Theory]
    [InlineData("MaxPool", "SAME_UPPER")]
    [InlineData("AveragePool", "SAME_LOWER")]
    public void DilationsWithSamePaddingAreRejected(string op, string autoPad) =>
        Rejection.Assert(new NodeCase("dilated same", op, 19).Input("x", TestTensors.Uniform(1, [1, 1, 7, 8]))
            .Attr("kernel_shape", [2L, 3L]).Attr("dilations", [2L, 2L]).Attr("strides", [2L, 2L]).Attr("auto_pad", autoPad).Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "auto_pad");

    [Fact]
    public void MaxPoolIndicesAreRejected() =>
        Rejection.Assert(new NodeCase("indices", "MaxPool", 12).Input("x", TestTensors.Uniform(1, [1, 1, 4, 4]))
            .Attr("kernel_shape", [2L, 2L]).Output("y").Output("indices", DataType.Int64), DiagnosticCodes.OnnxBadAttribute, "Indices");
}
