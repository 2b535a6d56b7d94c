using MilForge.Onnx.Building;
using MilForge.Onnx.Import;
using MilForge.Onnx.Reading;

namespace MilForge.Onnx.Tests.Models;

/// <summary>
/// A VAD-like stand-in built in code: audio [1, 64] and sr (int64 scalar); If (sr == 16000) takes a small conv network
/// (reshape → Conv1d → Relu → a nested If on the audio's mean choosing mean or max over time), else a pooled path.
/// Real VAD models reflect-pad the audio before the conv; that Pad is left out here (another engineer adds Pad).
/// </summary>
public class VadStandInTests
{
    private const int Samples = 64;

    private static byte[] Model()
    {
        var g = new OnnxGraphBuilder(17, "vad_standin")
            .Input("audio", DataType.Float32, 1, Samples)
            .Input("sr", DataType.Int64)
            .Output("prob", DataType.Float32, null)
            .Initializer("rate16k", Tensor.Scalar(16000L));
        g.Node("Equal", ["sr", "rate16k"], ["is16k"], "/Equal");
        g.Node("If", ["is16k"], ["prob"], "/If").Attr("then_branch", ConvPath()).Attr("else_branch", PooledPath());
        return g.ToBytes();
    }

    private static OnnxGraphBuilder ConvPath()
    {
        var g = new OnnxGraphBuilder(17, "conv_path")
            .Initializer("conv_shape", Tensor.Vector(1L, 1, Samples))
            .Initializer("conv_w", TestTensors.Uniform(7, [4, 1, 3], -0.5f, 0.5f))
            .Initializer("conv_b", Tensor.Vector(0.1f, -0.1f, 0.05f, 0f))
            .Initializer("zero", Tensor.Scalar(0f));
        g.Node("Reshape", ["audio", "conv_shape"], ["frames"], "/conv/Reshape");
        g.Node("Conv", ["frames", "conv_w", "conv_b"], ["conv"], "/conv/Conv").Attr("kernel_shape", [3L]).Attr("strides", [2L]);
        g.Node("Relu", ["conv"], ["act"], "/conv/Relu");
        g.Node("ReduceMean", ["audio"], ["level"], "/conv/ReduceMean").Attr("keepdims", 0L);
        g.Node("Greater", ["level", "zero"], ["loud"], "/conv/Greater");
        var mean = new OnnxGraphBuilder(17, "mean_over_time").Output("pooled_mean", DataType.Float32, null);
        mean.Node("ReduceMean", ["act"], ["pooled_mean"], "/conv/loud/ReduceMean").Attr("axes", [2L]).Attr("keepdims", 0L);
        var max = new OnnxGraphBuilder(17, "max_over_time").Output("pooled_max", DataType.Float32, null);
        max.Node("ReduceMax", ["act"], ["pooled_max"], "/conv/quiet/ReduceMax").Attr("axes", [2L]).Attr("keepdims", 0L);
        g.Node("If", ["loud"], ["conv_prob"], "/conv/If").Attr("then_branch", mean).Attr("else_branch", max);
        return g.Output("conv_prob", DataType.Float32, null);
    }

    private static OnnxGraphBuilder PooledPath()
    {
        var g = new OnnxGraphBuilder(17, "pooled_path")
            .Initializer("pool_shape", Tensor.Vector(1L, 4, Samples / 4))
            .Initializer("half", Tensor.Scalar(0.5f));
        g.Node("Reshape", ["audio", "pool_shape"], ["blocks"], "/pool/Reshape");
        g.Node("ReduceMean", ["blocks"], ["means"], "/pool/ReduceMean").Attr("axes", [2L]).Attr("keepdims", 0L);
        g.Node("Mul", ["means", "half"], ["pool_prob"], "/pool/Mul");
        return g.Output("pool_prob", DataType.Float32, null);
    }

    public static TheoryData<long, float> Rates() => new() { { 16000L, 1f }, { 16000L, -1f }, { 8000L, 1f } };

    private static Dictionary<string, Tensor> Feeds(long sr, float sign) => new(StringComparer.Ordinal)
    {
        ["audio"] = Tensor.Create([.. TestTensors.Uniform(3, [1, Samples]).AsFloats().Select((v, i) => (sign * 0.3f) + v)], 1, Samples),
        ["sr"] = Tensor.Scalar(sr),
    };

    [Theory]
    [MemberData(nameof(Rates))]
    public void MatchesOnnxRuntimeWithTheRateChosenAtRunTime(long sr, float sign) =>
        OnnxOracle.AssertMatches(Model(), Feeds(sr, sign), 1e-4, 1e-3, $"vad stand-in sr={sr}");

    [Fact]
    public void ImportKeepsTheBranchesAsNestedConds()
    {
        var program = new OnnxImporter().Import(OnnxModel.Parse(Model(), null, "vad")).Program;
        var outer = program.Main.Body.Operations.Single(o => o.Type == "cond");
        Assert.Contains(outer.Blocks[0].Operations, o => o.Type == "cond");
        Assert.Contains(outer.Blocks[0].Operations, o => o.Type == "conv" && o.Origin.NodeName == "/conv/Conv");
    }

    [Theory]
    [InlineData(16000L, "conv")]
    [InlineData(8000L, "reshape")]
    public void FrozenRateImportsOnlyItsPath(long sr, string expectedOp)
    {
        var known = new Dictionary<string, Tensor> { ["sr"] = Tensor.Scalar(sr) };
        var program = Precision.OnnxConversion.Import(OnnxModel.Parse(Model(), null, "vad"), knownInputs: known).Program;
        var outerConds = program.Main.Body.Operations.Where(o => o.Type == "cond").ToList();
        Assert.True(sr == 16000L ? outerConds.Count == 1 && outerConds[0].Origin.NodeName == "/conv/If" : outerConds.Count == 0);
        Assert.Contains(program.Main.Body.Operations, o => o.Type == expectedOp);
        Assert.DoesNotContain(program.Main.Inputs, i => i.Name == "sr");
    }
}
