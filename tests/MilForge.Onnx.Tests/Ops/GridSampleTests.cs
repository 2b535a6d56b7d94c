namespace MilForge.Onnx.Tests.Ops;

/// <summary>GridSample 4-D: bilinear and nearest, padding zeros/border/reflection, align_corners, opsets 16/20/22; bicubic and 5-D are rejected.</summary>
public class GridSampleTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var (opset, modes) in new[] { (16, new[] { "bilinear", "nearest" }), (20, new[] { "linear", "nearest" }), (22, new[] { "linear" }) })
        {
            foreach (var mode in modes)
            {
                foreach (var padding in new[] { "zeros", "border", "reflection" })
                {
                    foreach (var align in new[] { 0L, 1L })
                    {
                        data.Add(new NodeCase($"{mode} {padding} align_corners={align}", "GridSample", opset).Input("x", TestTensors.Uniform(seed++, [2, 3, 4, 5]))
                            .Input("grid", TestTensors.Uniform(seed++, [2, 3, 6, 2], -1.4f, 1.4f)).Attr("mode", mode).Attr("padding_mode", padding)
                            .Attr("align_corners", align).Output("y"));
                    }
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    /// <summary>FP16 for the interpolating modes: nearest can pick another pixel once the grid is rounded to binary16.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c)
    {
        Assert.SkipWhen(c.Name.StartsWith("nearest", StringComparison.Ordinal), "nearest sampling flips pixels under binary16 coordinates");
        Assert.True(OnnxOracle.AssertMatchesFp16(c));
    }

    [Fact]
    public void BicubicIsRejected() =>
        Rejection.Assert(new NodeCase("bicubic", "GridSample", 16).Input("x", TestTensors.Uniform(1, [1, 1, 3, 3]))
            .Input("grid", TestTensors.Uniform(2, [1, 2, 2, 2])).Attr("mode", "bicubic").Output("y"), Diagnostics.DiagnosticCodes.OnnxBadAttribute, "bicubic");

    [Fact]
    public void VolumetricGridIsRejected() =>
        Rejection.Assert(new NodeCase("5-D", "GridSample", 20).Input("x", TestTensors.Uniform(1, [1, 1, 2, 3, 3]))
            .Input("grid", TestTensors.Uniform(2, [1, 2, 2, 2, 3])).Output("y"), Diagnostics.DiagnosticCodes.OnnxBadAttribute, "4-D");
}
