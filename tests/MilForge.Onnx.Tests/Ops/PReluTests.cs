namespace MilForge.Onnx.Tests.Ops;

/// <summary>PRelu: scalar, per-channel (MIL prelu), trailing-broadcast and full slopes, run-time slopes, opsets 7–16.</summary>
public class PReluTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        var x4 = TestTensors.Uniform(seed++, [2, 3, 4, 5], -3, 3);
        foreach (var (name, slope) in new (string, int[])[]
        {
            ("scalar slope", []), ("slope [1]", [1]), ("per-channel [C,1,1]", [3, 1, 1]), ("per-channel [1,C,1,1]", [1, 3, 1, 1]),
            ("trailing [W]", [5]), ("[H,W]", [4, 5]), ("full shape", [2, 3, 4, 5]),
        })
        {
            data.Add(new NodeCase(name, "PRelu", 16).Input("x", x4).Constant("slope", TestTensors.Uniform(seed++, slope, -1, 1)).Output("y"));
            data.Add(new NodeCase($"{name} run-time", "PRelu", 16).Input("x", x4).Input("slope", TestTensors.Uniform(seed++, slope, -1, 1)).Output("y"));
        }
        // [N, C, L] with L == C: a [C]-shaped slope broadcasts along L (from the right), not along the channels.
        data.Add(new NodeCase("rank 3, slope [L] with L == C", "PRelu", 16).Input("x", TestTensors.Uniform(seed++, [2, 3, 3], -3, 3))
            .Constant("slope", TestTensors.Floats([3], 0.1f, 0.2f, 0.3f)).Output("y"));
        data.Add(new NodeCase("rank 2 per-feature", "PRelu", 16).Input("x", TestTensors.Uniform(seed++, [4, 3], -3, 3))
            .Constant("slope", TestTensors.Uniform(seed++, [3])).Output("y"));
        data.Add(new NodeCase("rank 5 per-channel", "PRelu", 16).Input("x", TestTensors.Uniform(seed++, [1, 2, 2, 3, 2], -3, 3))
            .Constant("slope", TestTensors.Uniform(seed++, [2, 1, 1, 1])).Output("y"));
        foreach (var opset in new[] { 7, 9 })
        {
            data.Add(new NodeCase($"opset {opset}", "PRelu", opset).Input("x", x4).Constant("slope", TestTensors.Uniform(seed++, [3, 1, 1])).Output("y"));
        }
        data.Add(new NodeCase("special values", "PRelu", 16)
            .Input("x", TestTensors.Floats([6], float.NegativeInfinity, float.PositiveInfinity, float.NaN, -0f, -65504, -1e-40f))
            .Constant("slope", Tensor.Scalar(0.5f)).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
