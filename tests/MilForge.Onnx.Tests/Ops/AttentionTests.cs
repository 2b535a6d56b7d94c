using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Attention (opsets 23, 24): 4-D and 3-D inputs, multi-head, grouped-query and multi-query attention, a value head
/// size differing from the query's, the scale attribute, causal masking (square, cross and with a past offset),
/// boolean and float masks broadcast over batch/heads and shorter than the total length, past/present key and value,
/// softcap, every qk_matmul_output_mode, fully masked rows, nonpad_kv_seqlen (opset 24) and FP16 inputs.
/// </summary>
public class AttentionTests
{
    private static NodeCase Case(string name, int[] q, int[] k, int[] v, int opset = 23)
    {
        var first = q.Sum() * 31 + k.Sum() * 7 + v.Sum() + name.Length;
        return new NodeCase(name, "Attention", opset).Input("Q", TestTensors.Uniform(first, q)).Input("K", TestTensors.Uniform(first + 1, k))
            .Input("V", TestTensors.Uniform(first + 2, v));
    }

    private static Tensor Mask(int seed, int[] shape, bool boolean) =>
        boolean ? TestTensors.Bools(seed, shape) : TestTensors.Uniform(seed, shape, -2, 2);

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 100;
        foreach (var opset in new[] { 23, 24 })
        {
            data.Add(Case($"4-D opset {opset}", [2, 3, 4, 8], [2, 3, 6, 8], [2, 3, 6, 8], opset).Output("Y"));
        }
        data.Add(Case("4-D value head size 5", [2, 3, 4, 8], [2, 3, 6, 8], [2, 3, 6, 5]).Output("Y"));
        data.Add(Case("4-D grouped-query", [2, 6, 4, 8], [2, 3, 6, 8], [2, 3, 6, 8]).Output("Y"));
        data.Add(Case("4-D multi-query", [1, 4, 3, 8], [1, 1, 5, 8], [1, 1, 5, 4]).Output("Y"));
        data.Add(Case("4-D scale 0.3", [2, 3, 4, 8], [2, 3, 6, 8], [2, 3, 6, 8]).Attr("scale", 0.3f).Output("Y"));
        data.Add(Case("3-D", [2, 4, 24], [2, 6, 24], [2, 6, 24]).Attr("q_num_heads", 3L).Attr("kv_num_heads", 3L).Output("Y"));
        data.Add(Case("3-D grouped-query", [2, 4, 32], [2, 6, 16], [2, 6, 12]).Attr("q_num_heads", 4L).Attr("kv_num_heads", 2L).Output("Y"));
        data.Add(Case("3-D causal", [1, 5, 16], [1, 5, 16], [1, 5, 16]).Attr("q_num_heads", 4L).Attr("kv_num_heads", 4L).Attr("is_causal", 1L).Output("Y"));
        data.Add(Case("4-D causal square", [2, 2, 5, 4], [2, 2, 5, 4], [2, 2, 5, 4]).Attr("is_causal", 1L).Output("Y"));
        data.Add(Case("4-D causal cross", [1, 2, 3, 4], [1, 2, 6, 4], [1, 2, 6, 4]).Attr("is_causal", 1L).Output("Y"));
        data.Add(Case("4-D softcap 2", [2, 3, 4, 8], [2, 3, 6, 8], [2, 3, 6, 8]).Attr("softcap", 2f).Output("Y"));
        data.Add(Case("softmax_precision float", [2, 3, 4, 8], [2, 3, 6, 8], [2, 3, 6, 8]).Attr("softmax_precision", 1L).Output("Y"));
        foreach (var boolean in new[] { false, true })
        {
            var kind = boolean ? "bool" : "float";
            foreach (var shape in new[] { new[] { 4, 6 }, [3, 4, 6], [2, 1, 4, 6], [1, 3, 4, 6], [2, 3, 4, 6] })
            {
                data.Add(Case($"{kind} mask [{string.Join(",", shape)}]", [2, 3, 4, 8], [2, 3, 6, 8], [2, 3, 6, 8])
                    .Input("attn_mask", Mask(seed++, shape, boolean)).Output("Y"));
            }
            data.Add(Case($"{kind} mask and causal", [2, 3, 4, 8], [2, 3, 6, 8], [2, 3, 6, 8])
                .Input("attn_mask", Mask(seed++, [2, 1, 4, 6], boolean)).Attr("is_causal", 1L).Output("Y"));
            data.Add(Case($"{kind} constant mask, grouped-query", [2, 4, 4, 8], [2, 2, 6, 8], [2, 2, 6, 8])
                .Constant("attn_mask", Mask(seed++, [4, 6], boolean)).Output("Y"));
        }
        data.Add(Case("bool mask, fully masked row", [1, 2, 2, 8], [1, 2, 2, 8], [1, 2, 2, 8])
            .Input("attn_mask", Tensor.Create(new[] { false, false, true, true }, 2, 2)).Output("Y"));
        data.Add(Case("bool mask and causal, fully masked row", [1, 2, 2, 8], [1, 2, 2, 8], [1, 2, 2, 8], 24)
            .Input("attn_mask", Tensor.Create(new[] { true, false, false, false }, 2, 2)).Attr("is_causal", 1L).Output("Y"));
        data.Add(Case("float mask with -inf columns, softcap", [1, 1, 4, 8], [1, 1, 6, 8], [1, 1, 6, 8])
            .Input("attn_mask", TestTensors.Floats([4, 6], [.. Enumerable.Range(0, 24).Select(i => i % 6 < 4 ? 0 : float.NegativeInfinity)])).Attr("softcap", 0.5f).Output("Y"));
        foreach (var causal in new[] { 0L, 1L })
        {
            data.Add(Case($"4-D past and present{(causal == 1 ? ", causal" : "")}", [2, 3, 4, 8], [2, 3, 4, 8], [2, 3, 4, 6])
                .Skip().Input("past_key", TestTensors.Uniform(seed++, [2, 3, 3, 8])).Input("past_value", TestTensors.Uniform(seed++, [2, 3, 3, 6]))
                .Attr("is_causal", causal).Output("Y").Output("present_key").Output("present_value"));
        }
        data.Add(Case("3-D grouped-query past and present, mask", [2, 4, 32], [2, 4, 16], [2, 4, 16])
            .Input("attn_mask", Mask(seed++, [4, 7], false)).Input("past_key", TestTensors.Uniform(seed++, [2, 2, 3, 8]))
            .Input("past_value", TestTensors.Uniform(seed++, [2, 2, 3, 8])).Attr("q_num_heads", 4L).Attr("kv_num_heads", 2L)
            .Output("Y").Output("present_key").Output("present_value"));
        foreach (var mode in new[] { 0L, 1L, 2L, 3L })
        {
            data.Add(Case($"qk_matmul_output_mode {mode}", [2, 3, 4, 8], [2, 3, 6, 8], [2, 3, 6, 8])
                .Input("attn_mask", Mask(seed++, [2, 1, 4, 6], false)).Attr("softcap", 3f).Attr("qk_matmul_output_mode", mode)
                .Output("Y").SkipOutput().SkipOutput().Output("qk_matmul_output"));
            // ONNX Runtime writes the causal bias as float.MinValue where ONNX (and we) use −∞, visible in mode 2 only.
            var causal = mode == 2 ? 0L : 1L;
            data.Add(Case($"qk_matmul_output_mode {mode}, past{(causal == 1 ? ", causal" : "")}", [1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4])
                .Skip().Input("past_key", TestTensors.Uniform(seed++, [1, 2, 2, 4])).Input("past_value", TestTensors.Uniform(seed++, [1, 2, 2, 4]))
                .Attr("is_causal", causal).Attr("qk_matmul_output_mode", mode)
                .Output("Y").Output("present_key").Output("present_value").Output("qk_matmul_output"));
        }
        data.Add(Case("nonpad_kv_seqlen", [2, 2, 3, 8], [2, 2, 6, 8], [2, 2, 6, 8], 24)
            .Skip().Skip().Skip().Input("nonpad_kv_seqlen", TestTensors.LongVector(4, 6)).Output("Y"));
        data.Add(Case("nonpad_kv_seqlen, causal decode", [2, 4, 1, 8], [2, 2, 8, 8], [2, 2, 8, 8], 24)
            .Skip().Skip().Skip().Input("nonpad_kv_seqlen", TestTensors.LongVector(8, 5)).Attr("is_causal", 1L).Output("Y"));
        data.Add(Case("nonpad_kv_seqlen, causal prefill with empty rows", [1, 2, 4, 8], [1, 2, 4, 8], [1, 2, 4, 8], 24)
            .Skip().Skip().Skip().Input("nonpad_kv_seqlen", TestTensors.LongVector(2)).Attr("is_causal", 1L).Output("Y"));
        data.Add(Fp16Case());
        return data;
    }

    private static NodeCase Fp16Case()
    {
        static Tensor Half(int seed, int[] shape) => TestTensors.Uniform(seed, shape).CastTo(DataType.Float16);
        return new NodeCase("float16 grouped-query causal with past", "Attention", 23).Input("Q", Half(900, [1, 4, 3, 8]))
            .Input("K", Half(901, [1, 2, 3, 8])).Input("V", Half(902, [1, 2, 3, 8])).Skip()
            .Input("past_key", Half(903, [1, 2, 2, 8])).Input("past_value", Half(904, [1, 2, 2, 8])).Attr("is_causal", 1L)
            .Output("Y", DataType.Float16).Output("present_key", DataType.Float16).Output("present_value", DataType.Float16)
            .Tolerance(2e-3, 2e-3);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void RejectsThreeDimensionalInputsWithoutHeadCounts() =>
        Rejection.Assert(Case("3-D without heads", [1, 4, 8], [1, 4, 8], [1, 4, 8]).Output("Y"), DiagnosticCodes.OnnxBadAttribute, "q_num_heads");

    [Fact]
    public void RejectsHeadsThatDoNotGroup() =>
        Rejection.Assert(Case("5 over 2 heads", [1, 5, 4, 8], [1, 2, 4, 8], [1, 2, 4, 8]).Output("Y"), DiagnosticCodes.OnnxBadAttribute, "not a multiple");

    [Fact]
    public void RejectsAnUnknownQkOutputMode() =>
        Rejection.Assert(Case("mode 4", [1, 2, 4, 8], [1, 2, 4, 8], [1, 2, 4, 8]).Attr("qk_matmul_output_mode", 4L)
            .Output("Y").SkipOutput().SkipOutput().Output("qk"), DiagnosticCodes.OnnxBadAttribute, "qk_matmul_output_mode");

    [Fact]
    public void RejectsSymbolicShapes() =>
        Rejection.Assert(new NodeCase("symbolic", "Attention", 23).SymbolicInput("Q", TestTensors.Uniform(1, [1, 2, 4, 8]), 2)
            .Input("K", TestTensors.Uniform(2, [1, 2, 4, 8])).Input("V", TestTensors.Uniform(3, [1, 2, 4, 8])).Output("Y"),
            DiagnosticCodes.OnnxBadAttribute, "static shape");
}
