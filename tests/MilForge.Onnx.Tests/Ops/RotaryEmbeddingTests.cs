using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// RotaryEmbedding (opset 23): 4-D and 3-D (num_heads) input, interleaved or split halves, full and partial
/// rotation (rotary_embedding_dim), caches gathered at position_ids (input or constant) or given per batch and position.
/// </summary>
public class RotaryEmbeddingTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var interleaved in new[] { 0L, 1L })
        {
            foreach (var rotary in new[] { 0L, 4L })
            {
                var label = $"{(interleaved == 1 ? "interleaved" : "halves")}{(rotary == 0 ? "" : $", rotary dim {rotary}")}";
                var half = rotary == 0 ? 4 : 2;
                data.Add(new NodeCase($"4-D, position ids, {label}", "RotaryEmbedding", 23).Input("x", TestTensors.Uniform(seed++, [2, 3, 5, 8]))
                    .Input("cos_cache", TestTensors.Uniform(seed++, [10, half])).Input("sin_cache", TestTensors.Uniform(seed++, [10, half]))
                    .Input("position_ids", TestTensors.Longs(seed++, [2, 5], 0, 10)).Attr("interleaved", interleaved).Attr("rotary_embedding_dim", rotary).Output("y"));
                data.Add(new NodeCase($"3-D, per-position caches, {label}", "RotaryEmbedding", 23).Input("x", TestTensors.Uniform(seed++, [2, 5, 16]))
                    .Input("cos_cache", TestTensors.Uniform(seed++, [2, 5, half])).Input("sin_cache", TestTensors.Uniform(seed++, [2, 5, half]))
                    .Attr("interleaved", interleaved).Attr("rotary_embedding_dim", rotary).Attr("num_heads", 2L).Output("y"));
            }
        }
        data.Add(new NodeCase("3-D, constant caches and positions", "RotaryEmbedding", 23).Input("x", TestTensors.Uniform(seed++, [1, 4, 12]))
            .Constant("cos_cache", TestTensors.Uniform(seed++, [6, 3])).Constant("sin_cache", TestTensors.Uniform(seed++, [6, 3]))
            .Constant("position_ids", TestTensors.Longs(seed++, [1, 4], 0, 6)).Attr("num_heads", 2L).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void RejectsThreeDimensionalInputWithoutNumHeads() =>
        Rejection.Assert(new NodeCase("3-D without num_heads", "RotaryEmbedding", 23).Input("x", TestTensors.Uniform(1, [1, 4, 8]))
            .Input("cos_cache", TestTensors.Uniform(2, [1, 4, 4])).Input("sin_cache", TestTensors.Uniform(3, [1, 4, 4])).Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "num_heads");

    [Fact]
    public void RejectsACacheOfTheWrongWidth() =>
        Rejection.Assert(new NodeCase("cache too wide", "RotaryEmbedding", 23).Input("x", TestTensors.Uniform(1, [1, 2, 4, 8]))
            .Input("cos_cache", TestTensors.Uniform(2, [1, 4, 8])).Input("sin_cache", TestTensors.Uniform(3, [1, 4, 8])).Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "rotary_embedding_dim/2");
}
