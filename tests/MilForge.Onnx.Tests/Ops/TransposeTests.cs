namespace MilForge.Onnx.Tests.Ops;

/// <summary>Transpose: default perm (reversed dims) for ranks 0–5, explicit perms, opsets 1–21, non-float data.</summary>
public class TransposeTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var shape in new[] { Array.Empty<int>(), [5], [2, 3], [2, 3, 4], [2, 1, 3, 4], [2, 3, 1, 2, 2] })
        {
            data.Add(new NodeCase($"default perm rank {shape.Length}", "Transpose", 13).Input("x", TestTensors.Uniform(seed++, shape)).Output("y"));
        }
        foreach (var perm in new[] { new long[] { 0, 2, 1, 3 }, [0, 2, 3, 1], [0, 3, 1, 2], [3, 2, 1, 0], [0, 1, 2, 3], [1, 0, 3, 2] })
        {
            data.Add(new NodeCase($"perm [{string.Join(",", perm)}]", "Transpose", 13).Input("x", TestTensors.Uniform(seed++, [2, 3, 4, 5])).Attr("perm", perm)
                .Output("y"));
        }
        data.Add(new NodeCase("rank 5 perm", "Transpose", 13).Input("x", TestTensors.Uniform(seed++, [1, 2, 3, 4, 2])).Attr("perm", [4L, 0L, 3L, 1L, 2L]).Output("y"));
        foreach (var opset in new[] { 1, 21 })
        {
            data.Add(new NodeCase($"opset {opset}", "Transpose", opset).Input("x", TestTensors.Uniform(seed++, [2, 3, 4])).Attr("perm", [1L, 2L, 0L]).Output("y"));
        }
        data.Add(new NodeCase("int64", "Transpose", 13).Input("x", TestTensors.Longs(seed++, [2, 3], -9, 9)).Output("y", DataType.Int64));
        data.Add(new NodeCase("bool", "Transpose", 13).Input("x", TestTensors.Bools(seed++, [2, 3, 2])).Attr("perm", [2L, 0L, 1L]).Output("y", DataType.Bool));
        data.Add(new NodeCase("symbolic", "Transpose", 13).SymbolicInput("x", TestTensors.Uniform(seed++, [2, 3, 4]), 0, 2).Attr("perm", [2L, 0L, 1L]).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
