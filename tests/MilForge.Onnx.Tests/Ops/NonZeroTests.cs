namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// NonZero: ranks 1–3, float, int32, int64 and bool data, NaN (non-zero), no and all non-zeros, constant data
/// (folded); the data-dependent count is a symbolic dim the interpreter fills.
/// </summary>
public class NonZeroTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        data.Add(new NodeCase("rank 2 floats", "NonZero", 13).Input("x", TestTensors.Floats([2, 3], 0, 1.5f, 0, -2, 0, 3)).Output("y", DataType.Int64));
        data.Add(new NodeCase("rank 1", "NonZero", 13).Input("x", TestTensors.Floats([5], 1, 0, 0, 4, float.NaN)).Output("y", DataType.Int64));
        data.Add(new NodeCase("rank 3 int64", "NonZero", 13).Input("x", TestTensors.Longs(1, [2, 3, 4], -1, 2)).Output("y", DataType.Int64));
        data.Add(new NodeCase("int32", "NonZero", 13).Input("x", Tensor.Create(new[] { 0, 5, 0, 0, 7, 1 }, 3, 2)).Output("y", DataType.Int64));
        data.Add(new NodeCase("bool", "NonZero", 13).Input("x", TestTensors.Bools(2, [3, 4])).Output("y", DataType.Int64));
        data.Add(new NodeCase("all zero", "NonZero", 13).Input("x", TestTensors.Floats([2, 2], 0, 0, 0, 0)).Output("y", DataType.Int64));
        data.Add(new NodeCase("all non-zero", "NonZero", 13).Input("x", TestTensors.Uniform(3, [2, 3], 1, 2)).Output("y", DataType.Int64));
        data.Add(new NodeCase("opset 9", "NonZero", 9).Input("x", TestTensors.Floats([2, 3], 0, 1, 0, 1, 1, 0)).Output("y", DataType.Int64));
        data.Add(new NodeCase("constant data", "NonZero", 13).Constant("x", TestTensors.Floats([2, 3], 0, 1, 0, 1, 1, 0)).Output("y", DataType.Int64));
        data.Add(new NodeCase("symbolic input", "NonZero", 13).SymbolicInput("x", TestTensors.Longs(4, [3, 4], 0, 2), 0).Output("y", DataType.Int64));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => OnnxOracle.AssertMatchesFp16(c);
}
