using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>LpNormalization (opset 1): p 1 and 2 (default), axes first, inner, last (default) and negative.</summary>
public class LpNormalizationTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var p in new[] { 1L, 2L })
        {
            foreach (var axis in new[] { 0L, 1L, -1L, -2L })
            {
                data.Add(new NodeCase($"p {p} axis {axis}", "LpNormalization", 1).Input("x", TestTensors.Uniform(seed++, [3, 4, 5], -2, 2))
                    .Attr("p", p).Attr("axis", axis).Output("y"));
            }
        }
        data.Add(new NodeCase("defaults", "LpNormalization", 1).Input("x", TestTensors.Uniform(seed++, [2, 6])).Output("y"));
        foreach (var p in new[] { 1L, 2L })
        {
            data.Add(new NodeCase($"p {p} all-zero slice stays zero", "LpNormalization", 1).Input("x", TestTensors.Floats([2, 3], 0, 0, 0, 1, -2, 3))
                .Attr("p", p).Attr("axis", 1L).Output("y"));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void RejectsOtherNorms() =>
        Rejection.Assert(new NodeCase("p 3", "LpNormalization", 1).Input("x", TestTensors.Uniform(1, [2, 3])).Attr("p", 3L).Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "not 1 or 2");
}
