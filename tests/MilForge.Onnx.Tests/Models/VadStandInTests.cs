using MilForge.Onnx.Building;
using MilForge.Onnx.Import;
using MilForge.Onnx.Reading;

namespace MilForge.Onnx.Tests.Models;

/// <summary>
/// A VAD-like stand-in built in code, shaped like Silero VAD: audio [1, 64], state [2, 1, H] (LSTM h and c) and sr
/// (int64 scalar) → prob [1, 1] and the next state. If (sr == 16000) reflect-pads the audio (the STFT front end),
/// runs a strided Conv1d → Relu → LSTM from the carried state, and a nested If on the audio's mean pools the LSTM
/// output over time by mean or max; the 8 kHz branch reflect-pads differently, frames the audio and runs its own LSTM.
/// Checked against ONNX Runtime with the rate chosen at run time (cond kept) and frozen at import (the If folded), in
/// FP32 (rtol 1e-3, atol 1e-4) and FP16 (the Conv entry of <see cref="Fp16Tolerances"/>, the widest in the model).
/// </summary>
public class VadStandInTests
{
    private const int Samples = 64;
    private const int Hidden = 8;

    private static byte[] Model()
    {
        var g = new OnnxGraphBuilder(17, "vad_standin")
            .Input("audio", DataType.Float32, 1, Samples)
            .Input("state", DataType.Float32, 2, 1, Hidden)
            .Input("sr", DataType.Int64)
            .Output("prob", DataType.Float32, null)
            .Output("stateN", DataType.Float32, null)
            .Initializer("rate16k", Tensor.Scalar(16000L));
        g.Node("Equal", ["sr", "rate16k"], ["is16k"], "/Equal");
        g.Node("If", ["is16k"], ["prob", "stateN"], "/If").Attr("then_branch", Path16k()).Attr("else_branch", Path8k());
        return g.ToBytes();
    }

    /// <summary>
    /// Reshape → reflect Pad 8|8 → Conv (4 channels, kernel 8, stride 4) → Relu → [T, 1, C] → LSTM(state) →
    /// nested If (mean or max over time) → MatMul → Sigmoid; the state out is Concat(Y_h, Y_c).
    /// </summary>
    private static OnnxGraphBuilder Path16k()
    {
        const int channels = 4;
        var g = new OnnxGraphBuilder(17, "path_16k")
            .Initializer("frame_shape", Tensor.Vector(1L, 1, Samples))
            .Initializer("stft_pads", Tensor.Vector(0L, 0, 8, 0, 0, 8))
            .Initializer("conv_w", TestTensors.Uniform(7, [channels, 1, 8], -0.5f, 0.5f))
            .Initializer("conv_b", Tensor.Vector(0.1f, -0.1f, 0.05f, 0f))
            .Initializer("zero", Tensor.Scalar(0f));
        g.Node("Reshape", ["audio", "frame_shape"], ["frames"], "/stft/Reshape");
        g.Node("Pad", ["frames", "stft_pads"], ["padded"], "/stft/Pad").Attr("mode", "reflect");
        g.Node("Conv", ["padded", "conv_w", "conv_b"], ["conv"], "/conv/Conv").Attr("kernel_shape", [8L]).Attr("strides", [4L]);
        g.Node("Relu", ["conv"], ["act"], "/conv/Relu");
        g.Node("Transpose", ["act"], ["steps"], "/conv/Transpose").Attr("perm", [2L, 0, 1]);
        Decoder(g, "steps", channels, "/decoder", 20);
        g.Node("Squeeze", ["/decoder/Y", "/decoder/axis1"], ["seq"], "/decoder/Squeeze");
        g.Node("ReduceMean", ["audio"], ["level"], "/decoder/ReduceMean").Attr("keepdims", 0L);
        g.Node("Greater", ["level", "zero"], ["loud"], "/decoder/Greater");
        var mean = new OnnxGraphBuilder(17, "mean_over_time").Output("pooled_mean", DataType.Float32, null);
        mean.Node("ReduceMean", ["seq"], ["pooled_mean"], "/decoder/loud/ReduceMean").Attr("axes", [0L]).Attr("keepdims", 0L);
        var max = new OnnxGraphBuilder(17, "max_over_time").Output("pooled_max", DataType.Float32, null);
        max.Node("ReduceMax", ["seq"], ["pooled_max"], "/decoder/quiet/ReduceMax").Attr("axes", [0L]).Attr("keepdims", 0L);
        g.Node("If", ["loud"], ["pooled"], "/decoder/If").Attr("then_branch", mean).Attr("else_branch", max);
        Head(g, "pooled", "/head", 30);
        return g.Output("/head/prob", DataType.Float32, null).Output("/decoder/state", DataType.Float32, null);
    }

    /// <summary>Reshape → reflect Pad 4|4 → frames [9, 1, 8] → LSTM(state) → last hidden → MatMul → Sigmoid.</summary>
    private static OnnxGraphBuilder Path8k()
    {
        const int frame = 8;
        var g = new OnnxGraphBuilder(17, "path_8k")
            .Initializer("frame_shape", Tensor.Vector(1L, 1, Samples))
            .Initializer("stft_pads", Tensor.Vector(0L, 0, 4, 0, 0, 4))
            .Initializer("step_shape", Tensor.Vector((long)(Samples + 8) / frame, 1, frame))
            .Initializer("last_shape", Tensor.Vector(1L, Hidden));
        g.Node("Reshape", ["audio", "frame_shape"], ["frames"], "/pool/Reshape");
        g.Node("Pad", ["frames", "stft_pads"], ["padded"], "/pool/Pad").Attr("mode", "reflect");
        g.Node("Reshape", ["padded", "step_shape"], ["steps"], "/pool/Frames");
        Decoder(g, "steps", frame, "/pool/decoder", 40);
        g.Node("Reshape", ["/pool/decoder/Y_h", "last_shape"], ["last"], "/pool/Last");
        Head(g, "last", "/pool/head", 50);
        return g.Output("/pool/head/prob", DataType.Float32, null).Output("/pool/decoder/state", DataType.Float32, null);
    }

    /// <summary>Split(state) → LSTM(x, W, R, B, initial_h, initial_c) → Y, Y_h, Y_c; Concat(Y_h, Y_c) → {prefix}/state.</summary>
    private static void Decoder(OnnxGraphBuilder g, string x, int inputSize, string prefix, int seed)
    {
        g.Initializer($"{prefix}/W", TestTensors.Uniform(seed, [1, 4 * Hidden, inputSize], -0.4f, 0.4f))
            .Initializer($"{prefix}/R", TestTensors.Uniform(seed + 1, [1, 4 * Hidden, Hidden], -0.4f, 0.4f))
            .Initializer($"{prefix}/B", TestTensors.Uniform(seed + 2, [1, 8 * Hidden], -0.2f, 0.2f))
            .Initializer($"{prefix}/split", Tensor.Vector(1L, 1))
            .Initializer($"{prefix}/axis1", Tensor.Vector(1L));
        g.Node("Split", ["state", $"{prefix}/split"], [$"{prefix}/h0", $"{prefix}/c0"], $"{prefix}/Split").Attr("axis", 0L);
        g.Node("LSTM", [x, $"{prefix}/W", $"{prefix}/R", $"{prefix}/B", "", $"{prefix}/h0", $"{prefix}/c0"],
            [$"{prefix}/Y", $"{prefix}/Y_h", $"{prefix}/Y_c"], $"{prefix}/LSTM").Attr("hidden_size", (long)Hidden);
        g.Node("Concat", [$"{prefix}/Y_h", $"{prefix}/Y_c"], [$"{prefix}/state"], $"{prefix}/Concat").Attr("axis", 0L);
    }

    /// <summary>x [1, H] → MatMul [H, 1] + bias → Sigmoid → {prefix}/prob [1, 1].</summary>
    private static void Head(OnnxGraphBuilder g, string x, string prefix, int seed)
    {
        g.Initializer($"{prefix}/w", TestTensors.Uniform(seed, [Hidden, 1], -1f, 1f)).Initializer($"{prefix}/b", Tensor.Vector(0.2f));
        g.Node("MatMul", [x, $"{prefix}/w"], [$"{prefix}/logit"], $"{prefix}/MatMul");
        g.Node("Add", [$"{prefix}/logit", $"{prefix}/b"], [$"{prefix}/biased"], $"{prefix}/Add");
        g.Node("Sigmoid", [$"{prefix}/biased"], [$"{prefix}/prob"], $"{prefix}/Sigmoid");
    }

    public static TheoryData<long, float, bool> Cases()
    {
        var data = new TheoryData<long, float, bool>();
        foreach (var frozen in new[] { false, true })
        {
            data.Add(16000L, 1f, frozen);
            data.Add(16000L, -1f, frozen);
            data.Add(8000L, 1f, frozen);
        }
        return data;
    }

    private static Dictionary<string, Tensor> Feeds(long sr, float sign) => new(StringComparer.Ordinal)
    {
        ["audio"] = Tensor.Create([.. TestTensors.Uniform(3, [1, Samples]).AsFloats().Select((v, i) => (sign * 0.3f) + v)], 1, Samples),
        ["state"] = TestTensors.Uniform(4, [2, 1, Hidden], -0.5f, 0.5f),
        ["sr"] = Tensor.Scalar(sr),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp32(long sr, float sign, bool frozen) =>
        VadOracle.AssertMatches(Model(), Feeds(sr, sign), frozen ? ["sr"] : [], fp16: false, $"vad stand-in sr={sr} sign={sign} frozen={frozen}");

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(long sr, float sign, bool frozen) =>
        VadOracle.AssertMatches(Model(), Feeds(sr, sign), frozen ? ["sr"] : [], fp16: true, $"vad stand-in sr={sr} sign={sign} frozen={frozen}");

    [Fact]
    public void ImportKeepsTheBranchesAsNestedConds()
    {
        var program = new OnnxImporter().Import(OnnxModel.Parse(Model(), null, "vad")).Program;
        var outer = program.Main.Body.Operations.Single(o => o.Type == "cond");
        var taken = outer.Blocks[0].Operations;
        Assert.Contains(taken, o => o.Type == "cond" && o.Origin.NodeName == "/decoder/If");
        Assert.Contains(taken, o => o.Type == "pad" && o.Origin.NodeName == "/stft/Pad");
        Assert.Contains(taken, o => o.Type == "lstm" && o.Origin.NodeName == "/decoder/LSTM");
        Assert.Contains(outer.Blocks[1].Operations, o => o.Type == "lstm" && o.Origin.NodeName == "/pool/decoder/LSTM");
    }

    [Fact]
    public void TheReflectPadIsMilPadInReflectMode()
    {
        var program = new OnnxImporter().Import(OnnxModel.Parse(Model(), null, "vad")).Program;
        var pads = program.Main.Body.Operations.Single(o => o.Type == "cond").Blocks.SelectMany(b => b.Operations).Where(o => o.Type == "pad").ToList();
        Assert.Equal(2, pads.Count);
        Assert.All(pads, p => Assert.Equal("reflect", p.Input("mode")!.ConstantValue!.Storage<string>()[0]));
    }

    [Theory]
    [InlineData(16000L, "/decoder/LSTM")]
    [InlineData(8000L, "/pool/decoder/LSTM")]
    public void FrozenRateImportsOnlyItsPath(long sr, string lstmNode)
    {
        var known = new Dictionary<string, Tensor> { ["sr"] = Tensor.Scalar(sr) };
        var program = Precision.OnnxConversion.Import(OnnxModel.Parse(Model(), null, "vad"), knownInputs: known).Program;
        var ops = program.Main.Body.Operations;
        var conds = ops.Where(o => o.Type == "cond").Select(o => o.Origin.NodeName).ToList();
        Assert.Equal(sr == 16000L ? ["/decoder/If"] : [], conds);
        Assert.Equal([lstmNode], ops.Where(o => o.Type == "lstm").Select(o => o.Origin.NodeName));
        Assert.Single(ops, o => o.Type == "pad");
        Assert.DoesNotContain(program.Main.Inputs, i => i.Name == "sr");
    }
}
