using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Conv over 1–3 spatial dims: groups (incl. depthwise and channel multipliers), asymmetric pads, strides,
/// dilations, auto_pad SAME_UPPER/SAME_LOWER/VALID, with and without bias, constant and run-time weights.
/// </summary>
public class ConvTests
{
    // (name, x shape, w shape, attributes)
    private static readonly (string Name, int[] X, int[] W, Func<NodeCase, NodeCase> Attrs)[] Geometries =
    [
        ("1-D", [1, 2, 10], [4, 2, 3], c => c),
        ("1-D strided padded dilated", [2, 2, 11], [3, 2, 3], c => c.Attr("strides", [2L]).Attr("pads", [2L, 1L]).Attr("dilations", [2L])),
        ("2-D", [2, 3, 8, 7], [4, 3, 3, 3], c => c),
        ("2-D kernel_shape attr", [1, 3, 6, 6], [2, 3, 3, 2], c => c.Attr("kernel_shape", [3L, 2L])),
        ("2-D asymmetric pads", [1, 2, 6, 5], [3, 2, 3, 3], c => c.Attr("pads", [1L, 0L, 2L, 1L])),
        ("2-D strides", [1, 2, 9, 8], [3, 2, 3, 3], c => c.Attr("strides", [2L, 3L]).Attr("pads", [1L, 1L, 1L, 1L])),
        ("2-D dilations", [1, 2, 9, 9], [2, 2, 3, 3], c => c.Attr("dilations", [2L, 3L])),
        ("2-D 1x1", [2, 4, 3, 3], [5, 4, 1, 1], c => c),
        ("2-D groups 2", [1, 4, 6, 6], [6, 2, 3, 3], c => c.Attr("group", 2L).Attr("pads", [1L, 1L, 1L, 1L])),
        ("2-D depthwise", [1, 3, 7, 7], [3, 1, 3, 3], c => c.Attr("group", 3L).Attr("pads", [1L, 1L, 1L, 1L]).Attr("strides", [2L, 2L])),
        ("2-D depthwise multiplier 2", [1, 3, 6, 6], [6, 1, 3, 3], c => c.Attr("group", 3L)),
        ("2-D SAME_UPPER even kernel", [1, 2, 7, 6], [3, 2, 2, 4], c => c.Attr("auto_pad", "SAME_UPPER").Attr("strides", [2L, 1L])),
        ("2-D SAME_LOWER even kernel", [1, 2, 7, 6], [3, 2, 2, 4], c => c.Attr("auto_pad", "SAME_LOWER").Attr("strides", [2L, 1L])),
        ("2-D SAME_UPPER strided", [1, 2, 8, 9], [3, 2, 3, 3], c => c.Attr("auto_pad", "SAME_UPPER").Attr("strides", [2L, 2L])),
        ("2-D SAME_LOWER strided odd", [1, 2, 8, 9], [3, 2, 3, 2], c => c.Attr("auto_pad", "SAME_LOWER").Attr("strides", [3L, 2L])),
        ("2-D VALID", [1, 2, 8, 9], [3, 2, 3, 3], c => c.Attr("auto_pad", "VALID").Attr("strides", [2L, 2L])),
        ("2-D pads larger than kernel", [1, 1, 3, 3], [1, 1, 2, 2], c => c.Attr("pads", [3L, 2L, 3L, 2L])),
        ("3-D", [1, 2, 5, 6, 4], [3, 2, 2, 3, 2], c => c),
        ("3-D pads strides dilations", [1, 2, 6, 7, 5], [2, 2, 3, 2, 2], c => c.Attr("pads", [1L, 0L, 1L, 0L, 1L, 1L]).Attr("strides", [2L, 1L, 2L])
            .Attr("dilations", [1L, 2L, 1L])),
        ("3-D groups SAME_UPPER", [1, 4, 5, 5, 5], [4, 2, 3, 3, 3], c => c.Attr("group", 2L).Attr("auto_pad", "SAME_UPPER")),
    ];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var (name, x, w, attrs) in Geometries)
        {
            foreach (var bias in new[] { false, true })
            {
                var c = new NodeCase(bias ? $"{name} with bias" : name, "Conv", 11).Input("x", TestTensors.Uniform(seed++, x))
                    .Constant("w", TestTensors.Uniform(seed++, w));
                if (bias)
                {
                    c = c.Constant("b", TestTensors.Uniform(seed++, [w[0]]));
                }
                data.Add(attrs(c).Output("y"));
            }
        }
        foreach (var opset in new[] { 1, 22 })
        {
            data.Add(new NodeCase($"opset {opset}", "Conv", opset).Input("x", TestTensors.Uniform(seed++, [1, 2, 5, 5]))
                .Constant("w", TestTensors.Uniform(seed++, [3, 2, 3, 3])).Constant("b", TestTensors.Uniform(seed++, [3])).Attr("pads", [1L, 1L, 1L, 1L]).Output("y"));
        }
        data.Add(new NodeCase("run-time weight", "Conv", 11).Input("x", TestTensors.Uniform(seed++, [1, 2, 5, 5]))
            .Input("w", TestTensors.Uniform(seed++, [3, 2, 3, 3])).Output("y"));
        data.Add(new NodeCase("skipped bias slot", "Conv", 11).Input("x", TestTensors.Uniform(seed++, [1, 2, 5, 5]))
            .Constant("w", TestTensors.Uniform(seed++, [3, 2, 3, 3])).Skip().Output("y"));
        data.Add(new NodeCase("symbolic batch", "Conv", 11).SymbolicInput("x", TestTensors.Uniform(seed++, [2, 2, 5, 5]), 0)
            .Constant("w", TestTensors.Uniform(seed++, [3, 2, 3, 3])).Attr("auto_pad", "SAME_UPPER").Output("y"));
        data.Add(new NodeCase("symbolic spatial dims", "Conv", 11).SymbolicInput("x", TestTensors.Uniform(seed++, [1, 2, 7, 6]), 2, 3)
            .Constant("w", TestTensors.Uniform(seed++, [3, 2, 3, 3])).Attr("pads", [1L, 0L, 1L, 2L]).Attr("strides", [2L, 1L]).Output("y"));
        data.Add(new NodeCase("symbolic spatial dims SAME_LOWER", "Conv", 11).SymbolicInput("x", TestTensors.Uniform(seed++, [1, 2, 7, 6]), 2, 3)
            .Constant("w", TestTensors.Uniform(seed++, [3, 2, 2, 3])).Attr("auto_pad", "SAME_LOWER").Attr("strides", [2L, 2L]).Output("y"));
        data.Add(new NodeCase("special values", "Conv", 11).Input("x", TestTensors.Floats([1, 1, 2, 2], float.PositiveInfinity, 1, float.NaN, 65504))
            .Constant("w", TestTensors.Floats([2, 1, 1, 1], 1, 2)).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void RunTimeBiasIsRejected() =>
        Rejection.Assert(new NodeCase("run-time bias", "Conv", 11).Input("x", TestTensors.Uniform(1, [1, 2, 5, 5]))
            .Constant("w", TestTensors.Uniform(2, [3, 2, 3, 3])).Input("b", TestTensors.Uniform(3, [3])).Output("y"), DiagnosticCodes.OnnxNotConstant, "bias");

    [Fact]
    public void RankTwoInputIsRejected() =>
        Rejection.Assert(new NodeCase("no spatial dims", "Conv", 11).Input("x", TestTensors.Uniform(1, [2, 3]))
            .Constant("w", TestTensors.Uniform(2, [3, 3])).Output("y"), DiagnosticCodes.OnnxBadAttribute, "spatial dims");
}
