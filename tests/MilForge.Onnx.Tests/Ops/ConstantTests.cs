namespace MilForge.Onnx.Tests.Ops;

/// <summary>Constant through every value attribute (value tensors of several types, value_float(s), value_int(s)) and opsets 1–21.</summary>
public class ConstantTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var floats = TestTensors.Uniform(1, [2, 3]);
        var data = new TheoryData<NodeCase>
        {
            new NodeCase("float tensor", "Constant", 13).Attr("value", floats).Output("y"),
            new NodeCase("scalar tensor", "Constant", 13).Attr("value", Tensor.Scalar(65504f)).Output("y"),
            new NodeCase("special values", "Constant", 13)
                .Attr("value", TestTensors.Floats([5], float.NaN, float.NegativeInfinity, 1e-40f, -0f, float.MaxValue)).Output("y"),
            new NodeCase("int64 tensor", "Constant", 13).Attr("value", TestTensors.LongVector(1, -1, 0, 1L << 20)).Output("y", DataType.Int64),
            new NodeCase("int32 tensor", "Constant", 13).Attr("value", Tensor.Vector(7, -7)).Output("y", DataType.Int32),
            new NodeCase("bool tensor", "Constant", 13).Attr("value", TestTensors.Bools(2, [2, 2])).Output("y", DataType.Bool),
            new NodeCase("float16 tensor", "Constant", 13).Attr("value", Tensor.Vector((Half)1.5f, (Half)(-65504f), Half.Epsilon)).Output("y", DataType.Float16),
            new NodeCase("double tensor", "Constant", 13).Attr("value", Tensor.Vector(1.25, -3.5)).Output("y", DataType.Float64),
            new NodeCase("rank 5 tensor", "Constant", 13).Attr("value", TestTensors.Uniform(3, [1, 2, 1, 2, 3])).Output("y"),
            new NodeCase("value_float", "Constant", 13).Attr("value_float", 2.5f).Output("y"),
            new NodeCase("value_floats", "Constant", 13).Attr("value_floats", new[] { 1f, -2f, 3.5f }).Output("y"),
            new NodeCase("value_int", "Constant", 13).Attr("value_int", 42L).Output("y", DataType.Int64),
            new NodeCase("value_ints", "Constant", 13).Attr("value_ints", new[] { 1L, -1L, 3L }).Output("y", DataType.Int64),
        };
        foreach (var opset in new[] { 1, 9, 11, 12, 19, 21 })
        {
            data.Add(new NodeCase($"opset {opset}", "Constant", opset).Attr("value", floats).Output("y"));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void MissingValueIsRejected() =>
        Rejection.Assert(new NodeCase("no value", "Constant", 13).Output("y"), Diagnostics.DiagnosticCodes.OnnxBadAttribute, "no value attribute");
}
