using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// LpPool (2, 11, 18): p 1, 2 (default), 3; 1-D, 2-D and 3-D windows, strides, pads, auto_pad SAME_UPPER, dilations and
/// ceil_mode (composed of strided slices), in FP32 and FP16; dilations over symbolic spatial dims or with SAME padding are refused.
/// </summary>
public class LpPoolTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var p in new[] { 1L, 2L, 3L })
        {
            data.Add(new NodeCase($"2-D p {p}", "LpPool", 18).Input("x", TestTensors.Uniform(seed++, [1, 2, 5, 5], -2, 2))
                .Attr("kernel_shape", new long[] { 2, 2 }).Attr("p", p).Output("y"));
        }
        data.Add(new NodeCase("opset 2 default p, strides", "LpPool", 2).Input("x", TestTensors.Uniform(seed++, [1, 3, 6, 6]))
            .Attr("kernel_shape", new long[] { 3, 3 }).Attr("strides", new long[] { 2, 2 }).Output("y"));
        data.Add(new NodeCase("opset 11 pads", "LpPool", 11).Input("x", TestTensors.Uniform(seed++, [2, 2, 5, 4]))
            .Attr("kernel_shape", new long[] { 3, 2 }).Attr("pads", new long[] { 1, 0, 1, 1 }).Output("y"));
        data.Add(new NodeCase("1-D", "LpPool", 18).Input("x", TestTensors.Uniform(seed++, [2, 3, 9]))
            .Attr("kernel_shape", new long[] { 3 }).Attr("strides", new long[] { 2 }).Output("y"));
        data.Add(new NodeCase("SAME_UPPER", "LpPool", 18).Input("x", TestTensors.Uniform(seed++, [1, 2, 5, 5]))
            .Attr("kernel_shape", new long[] { 3, 3 }).Attr("strides", new long[] { 2, 2 }).Attr("auto_pad", "SAME_UPPER").Output("y"));
        data.Add(new NodeCase("dilations", "LpPool", 18).Input("x", TestTensors.Uniform(seed++, [1, 1, 4, 4]))
            .Attr("kernel_shape", new long[] { 2, 2 }).Attr("dilations", new long[] { 2, 2 }).Output("y"));
        data.Add(new NodeCase("ceil_mode", "LpPool", 18).Input("x", TestTensors.Uniform(seed++, [1, 2, 6, 6]))
            .Attr("kernel_shape", new long[] { 3, 3 }).Attr("strides", new long[] { 2, 2 }).Attr("ceil_mode", 1L).Output("y"));
        data.Add(new NodeCase("1-D p 3 dilated ceil padded", "LpPool", 18).Input("x", TestTensors.Uniform(seed++, [2, 2, 11], -2, 2))
            .Attr("kernel_shape", new long[] { 3 }).Attr("dilations", new long[] { 2 }).Attr("strides", new long[] { 3 }).Attr("pads", new long[] { 1, 2 })
            .Attr("ceil_mode", 1L).Attr("p", 3L).Output("y"));
        data.Add(new NodeCase("3-D p 1 dilated", "LpPool", 18).Input("x", TestTensors.Uniform(seed++, [1, 2, 5, 6, 5], -2, 2))
            .Attr("kernel_shape", new long[] { 2, 2, 2 }).Attr("dilations", new long[] { 2, 3, 1 }).Attr("p", 1L).Output("y"));
        data.Add(new NodeCase("dilated symbolic batch", "LpPool", 18).SymbolicInput("x", TestTensors.Uniform(seed++, [2, 2, 7, 7]), 0)
            .Attr("kernel_shape", new long[] { 2, 3 }).Attr("dilations", new long[] { 3, 2 }).Attr("pads", new long[] { 1, 1, 0, 1 }).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => OnnxOracle.AssertMatchesFp16(c);

    [Fact]
    public void RejectsDilationsOverSymbolicSpatialDims() =>
        Rejection.Assert(new NodeCase("dilated symbolic", "LpPool", 18).SymbolicInput("x", TestTensors.Uniform(1, [1, 1, 6, 6]), 3)
            .Attr("kernel_shape", new long[] { 2, 2 }).Attr("dilations", new long[] { 2, 2 }).Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "static spatial dims");

    [Fact]
    public void RejectsDilationsWithSamePadding() =>
        Rejection.Assert(new NodeCase("dilated same", "LpPool", 18).Input("x", TestTensors.Uniform(1, [1, 2, 6, 6]))
            .Attr("kernel_shape", new long[] { 2, 2 }).Attr("dilations", new long[] { 2, 2 }).Attr("auto_pad", "SAME_UPPER").Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "auto_pad");
}
