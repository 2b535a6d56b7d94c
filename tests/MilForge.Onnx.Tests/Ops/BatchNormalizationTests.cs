using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// BatchNormalization (inference): ranks 2–6, constant statistics (MIL batch_norm) and run-time statistics
/// (decomposed), epsilon, opsets 7–15; training mode and the running-statistics outputs are refused.
/// </summary>
public class BatchNormalizationTests
{
    private static readonly int[][] Shapes = [[4, 3], [2, 3, 5], [2, 3, 4, 5], [1, 3, 2, 3, 4], [1, 3, 2, 1, 2, 2]];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var shape in Shapes)
        {
            foreach (var constant in new[] { true, false })
            {
                var c = new NodeCase($"rank {shape.Length} {(constant ? "constant" : "run-time")} stats", "BatchNormalization", 15)
                    .Input("x", TestTensors.Uniform(seed++, shape, -3, 3));
                foreach (var (name, value) in Stats(seed++, 3))
                {
                    c = constant ? c.Constant(name, value) : c.Input(name, value);
                }
                data.Add(c.Output("y"));
            }
        }
        foreach (var opset in new[] { 7, 9, 14 })
        {
            var c = new NodeCase($"opset {opset}", "BatchNormalization", opset).Input("x", TestTensors.Uniform(seed++, [2, 3, 4, 4], -3, 3));
            foreach (var (name, value) in Stats(seed++, 3))
            {
                c = c.Constant(name, value);
            }
            data.Add(c.Attr("epsilon", 1e-3f).Output("y"));
        }
        var mixed = new NodeCase("mixed constant and run-time stats", "BatchNormalization", 15).Input("x", TestTensors.Uniform(seed++, [2, 3, 4], -3, 3));
        var stats = Stats(seed++, 3);
        data.Add(mixed.Constant(stats[0].Name, stats[0].Value).Input(stats[1].Name, stats[1].Value).Constant(stats[2].Name, stats[2].Value)
            .Input(stats[3].Name, stats[3].Value).Attr("epsilon", 0.1f).Output("y"));
        var symbolic = new NodeCase("symbolic batch and spatial", "BatchNormalization", 15).SymbolicInput("x", TestTensors.Uniform(seed++, [2, 3, 4, 5], -3, 3), 0, 2, 3);
        foreach (var (name, value) in Stats(seed++, 3))
        {
            symbolic = symbolic.Constant(name, value);
        }
        data.Add(symbolic.Output("y"));
        var tiny = new NodeCase("zero variance, large epsilon", "BatchNormalization", 15).Input("x", TestTensors.Uniform(seed++, [1, 2, 3, 3], -3, 3))
            .Constant("scale", TestTensors.Floats([2], 1, -2)).Constant("bias", TestTensors.Floats([2], 0, 1))
            .Constant("mean", TestTensors.Floats([2], 0.5f, -1)).Constant("var", TestTensors.Floats([2], 0, 0));
        data.Add(tiny.Attr("epsilon", 0.5f).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void TrainingModeIsRejected()
    {
        var c = new NodeCase("training", "BatchNormalization", 15).Input("x", TestTensors.Uniform(1, [2, 3, 4]));
        foreach (var (name, value) in Stats(2, 3))
        {
            c = c.Constant(name, value);
        }
        Rejection.Assert(c.Attr("training_mode", 1L).Output("y"), DiagnosticCodes.OnnxBadAttribute, "training mode");
    }

    [Fact]
    public void RunningStatisticsOutputsAreRejected()
    {
        var c = new NodeCase("running mean", "BatchNormalization", 9).Input("x", TestTensors.Uniform(1, [2, 3, 4]));
        foreach (var (name, value) in Stats(2, 3))
        {
            c = c.Constant(name, value);
        }
        Rejection.Assert(c.Output("y").Output("running_mean"), DiagnosticCodes.OnnxBadAttribute, "training mode");
    }

    [Fact]
    public void Rank1IsRejected()
    {
        var c = new NodeCase("rank 1", "BatchNormalization", 15).Input("x", TestTensors.Uniform(1, [3]));
        foreach (var (name, value) in Stats(2, 3))
        {
            c = c.Constant(name, value);
        }
        Rejection.Assert(c.Output("y"), DiagnosticCodes.OnnxBadAttribute, "rank 1");
    }

    private static (string Name, Tensor Value)[] Stats(int seed, int channels) =>
    [
        ("scale", TestTensors.Uniform(seed, [channels], 0.5f, 2)),
        ("bias", TestTensors.Uniform(seed + 100, [channels], -1, 1)),
        ("mean", TestTensors.Uniform(seed + 200, [channels], -1, 1)),
        ("var", TestTensors.Uniform(seed + 300, [channels], 0.1f, 2)),
    ];
}
