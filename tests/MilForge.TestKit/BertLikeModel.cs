using MilForge.Numerics;
using MilForge.Onnx.Building;

namespace MilForge.TestKit;

/// <summary>
/// A BERT-like encoder built in code: <c>input_ids</c> (int64 [1, 8]) → word-embedding Gather (a 30522 × 4 table,
/// node <c>/embeddings/word_embeddings/Gather</c>) → LayerNorm = h; self-attention scores h·hᵀ plus
/// (1 − float(attention_mask)) · −10000, softmax, · h = <c>last_hidden_state</c>; <c>max_id</c> = ReduceMax(input_ids)
/// (so a test can see which ids were fed).
/// </summary>
public static class BertLikeModel
{
    /// <summary>The vocabulary size (rows of the embedding table).</summary>
    public const int Vocabulary = 30522;

    /// <summary>The embedding Gather's node name.</summary>
    public const string EmbeddingNode = "/embeddings/word_embeddings/Gather";

    /// <summary>The model's bytes; <paramref name="maskName"/> names the mask input.</summary>
    public static byte[] Build(string maskName = "attention_mask")
    {
        var g = new OnnxGraphBuilder(17, "bert_like").Input("input_ids", DataType.Int64, 1, 8).Input(maskName, DataType.Int64, 1, 8)
            .Output("last_hidden_state", DataType.Float32, 1, 8, 4).Output("max_id", DataType.Int64);
        g.Initializer("word_embeddings", TestTensors.Uniform(11, [Vocabulary, 4]));
        g.Initializer("gamma", TestTensors.Uniform(12, [4], 0.5f, 1.5f));
        g.Initializer("beta", TestTensors.Uniform(13, [4]));
        g.Initializer("axes", Tensor.Create([1L], 1));
        g.Initializer("one", Tensor.Create([1f], []));
        g.Initializer("big", Tensor.Create([-10000f], []));
        g.Node("Gather", ["word_embeddings", "input_ids"], ["e"], EmbeddingNode);
        g.Node("LayerNormalization", ["e", "gamma", "beta"], ["h"], "/embeddings/LayerNorm").Attr("axis", -1L);
        g.Node("Transpose", ["h"], ["ht"], "/attention/Transpose").Attr("perm", [0L, 2L, 1L]);
        g.Node("MatMul", ["h", "ht"], ["scores"], "/attention/MatMul");
        g.Node("Unsqueeze", [maskName, "axes"], ["m3"], "/Unsqueeze");
        g.Node("Cast", ["m3"], ["mf"], "/Cast").Attr("to", 1L);
        g.Node("Sub", ["one", "mf"], ["inverted"], "/Sub");
        g.Node("Mul", ["inverted", "big"], ["bias"], "/Mul");
        g.Node("Add", ["scores", "bias"], ["masked"], "/attention/Add");
        g.Node("Softmax", ["masked"], ["p"], "/attention/Softmax").Attr("axis", -1L);
        g.Node("MatMul", ["p", "h"], ["last_hidden_state"], "/attention/MatMul_1");
        g.Node("ReduceMax", ["input_ids"], ["max_id"], "/ReduceMax").Attr("keepdims", 0L);
        return g.ToBytes();
    }
}
