namespace MilForge.Onnx.Tests.Ops;

/// <summary>IsNaN and IsInf (FloatClassification): special values, every detect_positive/detect_negative combination, opsets, fp16 inputs.</summary>
public class FloatClassificationTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var special = TestTensors.Floats([2, 6], 0, -0f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, -float.NaN,
            float.MaxValue, -float.MaxValue, 1e-40f, 65504, 70000, -1);
        var finite = TestTensors.Uniform(1, [3, 4], -100, 100);
        var data = new TheoryData<NodeCase>();
        foreach (var opset in new[] { 9, 13, 20 })
        {
            data.Add(new NodeCase("special values", "IsNaN", opset).Input("x", special).Output("y", DataType.Bool));
        }
        data.Add(new NodeCase("finite", "IsNaN", 20).Input("x", finite).Output("y", DataType.Bool));
        data.Add(new NodeCase("fp16 input", "IsNaN", 20).Input("x", special.CastTo(DataType.Float16)).Output("y", DataType.Bool));
        foreach (var opset in new[] { 10, 20 })
        {
            data.Add(new NodeCase("special values", "IsInf", opset).Input("x", special).Output("y", DataType.Bool));
            foreach (var (positive, negative) in new[] { (1L, 0L), (0L, 1L), (0L, 0L), (1L, 1L) })
            {
                data.Add(new NodeCase($"detect_positive {positive} detect_negative {negative}", "IsInf", opset).Input("x", special)
                    .Attr("detect_positive", positive).Attr("detect_negative", negative).Output("y", DataType.Bool));
            }
        }
        data.Add(new NodeCase("finite", "IsInf", 20).Input("x", finite).Output("y", DataType.Bool));
        data.Add(new NodeCase("fp16 input", "IsInf", 20).Input("x", special.CastTo(DataType.Float16)).Output("y", DataType.Bool));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
