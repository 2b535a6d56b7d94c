using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// ConvTranspose over 1–3 spatial dims: groups, strides, dilations, pads, output_padding (within and beyond the end
/// pad), output_shape, auto_pad SAME_UPPER/SAME_LOWER/VALID, kernel_shape, with and without bias, opsets 1/11/22.
/// </summary>
public class ConvTransposeTests
{
    // (name, x shape, w shape [Cin, Cout/group, *K], attributes)
    private static readonly (string Name, int[] X, int[] W, Func<NodeCase, NodeCase> Attrs)[] Geometries =
    [
        ("1-D", [1, 2, 6], [2, 3, 3], c => c),
        ("1-D strided padded", [2, 6, 16], [6, 4, 4], c => c.Attr("strides", [2L]).Attr("pads", [1L, 1L])),
        ("1-D dilated output_padding", [1, 2, 5], [2, 2, 3], c => c.Attr("strides", [3L]).Attr("dilations", [2L]).Attr("output_padding", [2L])),
        ("2-D", [1, 2, 4, 5], [2, 3, 3, 3], c => c),
        ("2-D strides", [1, 2, 4, 3], [2, 2, 3, 2], c => c.Attr("strides", [3L, 2L])),
        ("2-D asymmetric pads", [1, 1, 3, 3], [1, 2, 3, 3], c => c.Attr("strides", [3L, 2L]).Attr("pads", [1L, 2L, 1L, 2L])),
        ("2-D dilations", [1, 2, 4, 4], [2, 2, 2, 3], c => c.Attr("dilations", [2L, 3L])),
        ("2-D groups", [1, 4, 8, 8], [4, 3, 3, 3], c => c.Attr("group", 2L).Attr("strides", [2L, 2L]).Attr("pads", [1L, 1L, 1L, 1L]).Attr("output_padding", [1L, 1L])),
        ("2-D depthwise", [1, 3, 5, 5], [3, 1, 3, 3], c => c.Attr("group", 3L).Attr("strides", [2L, 2L])),
        ("2-D output_padding beyond the end pad", [1, 2, 3, 3], [2, 2, 3, 3], c => c.Attr("strides", [3L, 2L]).Attr("output_padding", [2L, 1L])),
        ("2-D output_padding within the end pad", [1, 2, 3, 3], [2, 2, 3, 3], c => c.Attr("strides", [2L, 2L]).Attr("pads", [0L, 1L, 2L, 2L]).Attr("output_padding", [1L, 1L])),
        ("2-D output_shape", [1, 1, 3, 3], [1, 2, 3, 3], c => c.Attr("strides", [3L, 2L]).Attr("output_shape", [10L, 8L])),
        ("2-D output_shape with output_padding", [1, 1, 3, 3], [1, 2, 3, 3], c => c.Attr("strides", [3L, 2L]).Attr("output_shape", [10L, 8L]).Attr("output_padding", [1L, 1L])),
        ("2-D SAME_UPPER", [1, 1, 3, 3], [1, 2, 3, 3], c => c.Attr("auto_pad", "SAME_UPPER").Attr("strides", [2L, 2L])),
        ("2-D SAME_LOWER", [1, 1, 3, 3], [1, 2, 3, 3], c => c.Attr("auto_pad", "SAME_LOWER").Attr("strides", [2L, 2L])),
        ("2-D SAME_UPPER even kernel", [1, 2, 4, 3], [2, 2, 2, 4], c => c.Attr("auto_pad", "SAME_UPPER").Attr("strides", [3L, 1L])),
        ("2-D VALID", [1, 2, 4, 3], [2, 2, 3, 3], c => c.Attr("auto_pad", "VALID").Attr("strides", [2L, 2L])),
        ("2-D kernel_shape", [1, 2, 3, 3], [2, 2, 3, 2], c => c.Attr("kernel_shape", [3L, 2L]).Attr("strides", [2L, 2L])),
        ("3-D", [1, 2, 3, 4, 5], [2, 3, 3, 3, 3], c => c),
        ("3-D strides pads output_padding", [1, 2, 3, 3, 2], [2, 2, 2, 3, 2], c => c.Attr("strides", [2L, 1L, 3L]).Attr("pads", [1L, 0L, 0L, 0L, 1L, 0L])
            .Attr("output_padding", [1L, 0L, 2L])),
    ];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var (name, x, w, attrs) in Geometries)
        {
            foreach (var bias in new[] { false, true })
            {
                var c = new NodeCase(bias ? $"{name} with bias" : name, "ConvTranspose", 11).Input("x", TestTensors.Uniform(seed++, x))
                    .Constant("w", TestTensors.Uniform(seed++, w));
                if (bias)
                {
                    c = c.Constant("b", TestTensors.Uniform(seed++, [w[1] * (int)GroupOf(name)]));
                }
                data.Add(attrs(c).Output("y"));
            }
        }
        foreach (var opset in new[] { 1, 22 })
        {
            data.Add(new NodeCase($"opset {opset}", "ConvTranspose", opset).Input("x", TestTensors.Uniform(seed++, [1, 2, 4, 4]))
                .Constant("w", TestTensors.Uniform(seed++, [2, 3, 3, 3])).Constant("b", TestTensors.Uniform(seed++, [3]))
                .Attr("strides", [2L, 2L]).Attr("pads", [1L, 1L, 1L, 1L]).Attr("output_padding", [1L, 1L]).Output("y"));
        }
        data.Add(new NodeCase("symbolic batch", "ConvTranspose", 11).SymbolicInput("x", TestTensors.Uniform(seed++, [2, 2, 4, 4]), 0)
            .Constant("w", TestTensors.Uniform(seed++, [2, 3, 3, 3])).Attr("strides", [2L, 2L]).Output("y"));
        return data;
    }

    private static long GroupOf(string name) => name switch
    {
        "2-D groups" => 2,
        "2-D depthwise" => 3,
        _ => 1,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => Assert.True(OnnxOracle.AssertMatchesFp16(c));

    [Fact]
    public void RunTimeWeightIsRejected() =>
        Rejection.Assert(new NodeCase("run-time weight", "ConvTranspose", 11).Input("x", TestTensors.Uniform(1, [1, 2, 4, 4]))
            .Input("w", TestTensors.Uniform(2, [2, 3, 3, 3])).Output("y"), DiagnosticCodes.OnnxNotConstant, "weight");

    [Fact]
    public void RunTimeBiasIsRejected() =>
        Rejection.Assert(new NodeCase("run-time bias", "ConvTranspose", 11).Input("x", TestTensors.Uniform(1, [1, 2, 4, 4]))
            .Constant("w", TestTensors.Uniform(2, [2, 3, 3, 3])).Input("b", TestTensors.Uniform(3, [3])).Output("y"), DiagnosticCodes.OnnxNotConstant, "bias");

    [Fact]
    public void SymbolicSpatialDimsAreRejected() =>
        Rejection.Assert(new NodeCase("symbolic spatial", "ConvTranspose", 11).SymbolicInput("x", TestTensors.Uniform(1, [1, 2, 4, 4]), 2)
            .Constant("w", TestTensors.Uniform(2, [2, 3, 3, 3])).Output("y"), DiagnosticCodes.OnnxBadAttribute, "symbolic");

    [Fact]
    public void NoSpatialDimsIsRejected() =>
        Rejection.Assert(new NodeCase("rank 2", "ConvTranspose", 11).Input("x", TestTensors.Uniform(1, [2, 3]))
            .Constant("w", TestTensors.Uniform(2, [3, 3])).Output("y"), DiagnosticCodes.OnnxBadAttribute, "spatial dims");
}
