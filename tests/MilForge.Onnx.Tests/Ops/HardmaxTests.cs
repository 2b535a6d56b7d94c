using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Hardmax: opset 13 takes one axis (default −1); opsets 1 and 11 coerce the input to 2-D at <c>axis</c> (default 1)
/// and take the flattened rows. Ties mark the first maximum only.
/// </summary>
public class HardmaxTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var x = IndexTestData.Distinct(1, [2, 3, 4]);
        var ties = IndexTestData.Ties(2, [2, 3, 4]);
        data.Add(new NodeCase("default axis", "Hardmax", 13).Input("x", x).Output("y"));
        foreach (var axis in new long[] { 0, 1, 2, -2, -3 })
        {
            data.Add(new NodeCase($"axis {axis}", "Hardmax", 13).Input("x", x).Attr("axis", axis).Output("y"));
            data.Add(new NodeCase($"ties axis {axis}", "Hardmax", 13).Input("x", ties).Attr("axis", axis).Output("y"));
        }
        foreach (var opset in new[] { 1, 11 })
        {
            data.Add(new NodeCase("2-D coercion default axis", "Hardmax", opset).Input("x", x).Output("y"));
            data.Add(new NodeCase("2-D coercion ties", "Hardmax", opset).Input("x", ties).Output("y"));
            foreach (var axis in new long[] { 0, 2, -1, -3 })
            {
                data.Add(new NodeCase($"2-D coercion axis {axis}", "Hardmax", opset).Input("x", x).Attr("axis", axis).Output("y"));
            }
        }
        data.Add(new NodeCase("rank 1", "Hardmax", 13).Input("x", IndexTestData.Distinct(3, [7])).Output("y"));
        data.Add(new NodeCase("symbolic batch", "Hardmax", 13).SymbolicInput("x", x, 0).Output("y"));
        data.Add(new NodeCase("infinities", "Hardmax", 13).Input("x", TestTensors.Floats([2, 3], float.NegativeInfinity, 0, float.PositiveInfinity, 1, float.NegativeInfinity, 1))
            .Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => OnnxOracle.AssertMatchesFp16(c);

    [Fact]
    public void SymbolicAxisIsRejected() =>
        Rejection.Assert(new NodeCase("symbolic axis", "Hardmax", 13).SymbolicInput("x", IndexTestData.Distinct(1, [2, 3]), 1).Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "static length");
}
