namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// LayerNormalization (opset 17): axis (positive, negative, 0), epsilon, with and without bias, constant scale/bias
/// (folded into MIL layer_norm) and run-time or broadcasting ones (applied with mul/add), ranks 1–5.
/// </summary>
public class LayerNormalizationTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        var x = TestTensors.Uniform(seed++, [2, 3, 4, 5], -3, 3);
        foreach (var axis in new long[] { -1, -2, 1, 0, 3 })
        {
            var normalized = x.Shape.Skip((int)(axis < 0 ? axis + 4 : axis)).ToArray();
            foreach (var bias in new[] { true, false })
            {
                var c = new NodeCase($"axis {axis}{(bias ? "" : " no bias")}", "LayerNormalization", 17).Input("x", x)
                    .Constant("scale", TestTensors.Uniform(seed++, normalized, 0.5f, 2));
                if (bias)
                {
                    c = c.Constant("b", TestTensors.Uniform(seed++, normalized));
                }
                data.Add(c.Attr("axis", axis).Output("y"));
            }
        }
        data.Add(new NodeCase("default axis", "LayerNormalization", 17).Input("x", x).Constant("scale", TestTensors.Uniform(seed++, [5])).Output("y"));
        data.Add(new NodeCase("epsilon 0.1", "LayerNormalization", 17).Input("x", x).Constant("scale", TestTensors.Uniform(seed++, [5]))
            .Constant("b", TestTensors.Uniform(seed++, [5])).Attr("epsilon", 0.1f).Output("y"));
        data.Add(new NodeCase("run-time scale and bias", "LayerNormalization", 17).Input("x", x).Input("scale", TestTensors.Uniform(seed++, [4, 5]))
            .Input("b", TestTensors.Uniform(seed++, [4, 5])).Attr("axis", 2L).Output("y"));
        data.Add(new NodeCase("run-time scale, constant bias", "LayerNormalization", 17).Input("x", x).Input("scale", TestTensors.Uniform(seed++, [5]))
            .Constant("b", TestTensors.Uniform(seed++, [5])).Output("y"));
        data.Add(new NodeCase("broadcasting scale", "LayerNormalization", 17).Input("x", x).Constant("scale", TestTensors.Uniform(seed++, [1, 5]))
            .Constant("b", TestTensors.Uniform(seed++, [4, 1])).Attr("axis", 2L).Output("y"));
        data.Add(new NodeCase("skipped bias slot", "LayerNormalization", 17).Input("x", x).Constant("scale", TestTensors.Uniform(seed++, [5])).Skip().Output("y"));
        foreach (var shape in new[] { new[] { 6 }, [3, 6], [2, 3, 6], [1, 2, 2, 3, 6] })
        {
            data.Add(new NodeCase($"rank {shape.Length}", "LayerNormalization", 17).Input("x", TestTensors.Uniform(seed++, shape, -2, 2))
                .Constant("scale", TestTensors.Uniform(seed++, [6])).Constant("b", TestTensors.Uniform(seed++, [6])).Output("y"));
        }
        data.Add(new NodeCase("constant rows", "LayerNormalization", 17).Input("x", TestTensors.Floats([2, 3], 1, 1, 1, 65504, 65504, 65504))
            .Constant("scale", TestTensors.Floats([3], 1, 2, 3)).Output("y"));
        data.Add(new NodeCase("symbolic batch", "LayerNormalization", 17).SymbolicInput("x", TestTensors.Uniform(seed++, [3, 4, 8]), 0, 1)
            .Constant("scale", TestTensors.Uniform(seed++, [8])).Constant("b", TestTensors.Uniform(seed++, [8])).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    /// <summary>The Mean and InvStdDev outputs (decomposed import), alone or together, with the usual attribute variety.</summary>
    public static TheoryData<NodeCase> StatisticsCases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 100;
        var x = TestTensors.Uniform(seed++, [2, 3, 4, 5], -3, 3);
        foreach (var axis in new long[] { -1, 1, 0 })
        {
            var normalized = x.Shape.Skip((int)(axis < 0 ? axis + 4 : axis)).ToArray();
            data.Add(new NodeCase($"all outputs axis {axis}", "LayerNormalization", 17).Input("x", x)
                .Constant("scale", TestTensors.Uniform(seed++, normalized, 0.5f, 2)).Constant("b", TestTensors.Uniform(seed++, normalized))
                .Attr("axis", axis).Output("y").Output("mean").Output("inv_std_dev"));
        }
        data.Add(new NodeCase("mean only, no bias", "LayerNormalization", 17).Input("x", x).Constant("scale", TestTensors.Uniform(seed++, [5]))
            .Output("y").Output("mean"));
        data.Add(new NodeCase("inv std dev only, epsilon 0.5", "LayerNormalization", 17).Input("x", x).Constant("scale", TestTensors.Uniform(seed++, [5]))
            .Constant("b", TestTensors.Uniform(seed++, [5])).Attr("epsilon", 0.5f).Output("y").SkipOutput().Output("inv_std_dev"));
        data.Add(new NodeCase("run-time broadcasting scale", "LayerNormalization", 17).Input("x", x).Input("scale", TestTensors.Uniform(seed++, [1, 5]))
            .Attr("axis", 2L).Output("y").Output("mean").Output("inv_std_dev"));
        data.Add(new NodeCase("symbolic batch", "LayerNormalization", 17).SymbolicInput("x", TestTensors.Uniform(seed++, [3, 4, 8]), 0)
            .Constant("scale", TestTensors.Uniform(seed++, [8])).Output("y").Output("mean").Output("inv_std_dev"));
        return data;
    }

    [Theory]
    [MemberData(nameof(StatisticsCases))]
    public void StatisticsOutputsMatchOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);
}
