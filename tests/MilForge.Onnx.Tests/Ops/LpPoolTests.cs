using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>LpPool (2, 11, 18): p 1, 2 (default), 3; 1-D and 2-D windows, strides, pads, auto_pad SAME_UPPER; dilations and ceil_mode refused.</summary>
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
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void RejectsDilations() =>
        Rejection.Assert(new NodeCase("dilated", "LpPool", 18).Input("x", TestTensors.Uniform(1, [1, 1, 6, 6]))
            .Attr("kernel_shape", new long[] { 2, 2 }).Attr("dilations", new long[] { 2, 2 }).Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "dilations");

    [Fact]
    public void RejectsCeilMode() =>
        Rejection.Assert(new NodeCase("ceil_mode", "LpPool", 18).Input("x", TestTensors.Uniform(1, [1, 2, 6, 6]))
            .Attr("kernel_shape", new long[] { 3, 3 }).Attr("strides", new long[] { 2, 2 }).Attr("ceil_mode", 1L).Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "ceil_mode");
}
