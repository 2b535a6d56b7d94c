using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>Upsample opsets 7 (scales attribute) and 9 (constant scales input): nearest and linear, integer and fractional scales.</summary>
public class UpsampleTests
{
    private static readonly (string Name, int[] X, float[] Scales)[] Geometries =
    [
        ("x2", [1, 2, 3, 4], [1, 1, 2, 2]),
        ("x3 by x2", [1, 1, 2, 3], [1, 1, 3, 2]),
        ("fractional", [1, 2, 3, 4], [1, 1, 1.5f, 2.5f]),
        ("channels", [1, 2, 2, 2], [1, 2, 1, 1]),
    ];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var (name, x, scales) in Geometries)
        {
            foreach (var mode in new[] { "nearest", "linear" })
            {
                data.Add(new NodeCase($"opset 7 {mode} {name}", "Upsample", 7).Input("x", TestTensors.Uniform(seed++, x)).Attr("scales", scales).Attr("mode", mode).Output("y"));
                data.Add(new NodeCase($"opset 9 {mode} {name}", "Upsample", 9).Input("x", TestTensors.Uniform(seed++, x))
                    .Constant("scales", TestTensors.Floats([scales.Length], scales)).Attr("mode", mode).Output("y"));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => Assert.True(OnnxOracle.AssertMatchesFp16(c));

    [Fact]
    public void RunTimeScalesAreRejected() =>
        Rejection.Assert(new NodeCase("run-time scales", "Upsample", 9).Input("x", TestTensors.Uniform(1, [1, 1, 2, 2]))
            .Input("scales", TestTensors.Floats([4], 1, 1, 2, 2)).Output("y"), DiagnosticCodes.OnnxNotConstant, "scales");
}
