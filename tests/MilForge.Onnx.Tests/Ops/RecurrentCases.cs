namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Builds ONNX LSTM/GRU/RNN cases with seeded random weights: X [T, B, I] (layout 0) or [B, T, I] (layout 1), W, R,
/// B, optional sequence_lens, initial states (absent, constant or fed at run time), P for LSTM, and any subset of
/// the outputs Y, Y_h (and Y_c).
/// </summary>
public sealed class RecurrentCases(string op, int gates, int states)
{
    public const int Steps = 4;
    public const int Batch = 2;
    public const int Features = 3;
    public const int Hidden = 5;

    private int _seed = op.Sum(c => c) * 100;

    /// <summary>How initial states are given.</summary>
    public enum Initial
    {
        None,
        Constant,
        RunTime,
    }

    /// <summary>One case.</summary>
    public NodeCase Case(string name, int opset, string direction = "forward", int layout = 0, Initial initial = Initial.None,
        bool y = true, bool yh = true, bool yc = true, bool bias = true, int[]? sequenceLens = null, bool peepholes = false,
        Func<NodeCase, NodeCase>? attributes = null, int steps = Steps, bool runTimeWeights = false)
    {
        var d = direction == "bidirectional" ? 2 : 1;
        int[] x = layout == 0 ? [steps, Batch, Features] : [Batch, steps, Features];
        int[] state = layout == 0 ? [d, Batch, Hidden] : [Batch, d, Hidden];
        NodeCase Weight(NodeCase n, string input, Tensor value) => runTimeWeights ? n.Input(input, value) : n.Constant(input, value);
        var c = Weight(Weight(new NodeCase(name, op, opset).Input("X", Uniform(x)), "W", Uniform([d, gates * Hidden, Features], 0.7f)),
            "R", Uniform([d, gates * Hidden, Hidden], 0.7f));
        var b = Uniform([d, 2 * gates * Hidden], 0.5f);
        var inputs = new List<Func<NodeCase, NodeCase>?>
        {
            bias ? n => Weight(n, "B", b) : null,
            sequenceLens is null ? null : n => n.Constant("sequence_lens", Tensor.Vector(sequenceLens)),
        };
        for (var s = 0; s < states; s++)
        {
            var stateName = s == 0 ? "initial_h" : "initial_c";
            var value = Uniform(state);
            inputs.Add(initial switch
            {
                Initial.Constant => n => n.Constant(stateName, value),
                Initial.RunTime => n => n.Input(stateName, value),
                _ => null,
            });
        }
        if (peepholes)
        {
            var p = Uniform([d, 3 * Hidden], 0.5f);
            inputs.Add(n => Weight(n, "P", p));
        }
        // Trailing omitted inputs are left out.
        var last = inputs.FindLastIndex(f => f is not null);
        foreach (var add in inputs.Take(last + 1))
        {
            c = add is null ? c.Skip() : add(c);
        }
        c = c.Attr("hidden_size", (long)Hidden).Attr("direction", direction);
        if (layout != 0)
        {
            c = c.Attr("layout", (long)layout);
        }
        c = attributes?.Invoke(c) ?? c;
        bool[] wanted = [y, yh, yc];
        var lastOutput = Array.FindLastIndex(wanted[..(states + 1)], w => w);
        for (var o = 0; o <= lastOutput; o++)
        {
            c = wanted[o] ? c.Output(o switch { 0 => "Y", 1 => "Y_h", _ => "Y_c" }) : c.SkipOutput();
        }
        return c;
    }

    /// <summary>
    /// Every direction × initial-state × output-subset combination (layout 0: ONNX Runtime runs no layout 1, which
    /// <see cref="AssertLayout1MatchesTransposedLayout0"/> covers).
    /// </summary>
    public IEnumerable<NodeCase> Grid(int opset)
    {
        foreach (var direction in new[] { "forward", "reverse", "bidirectional" })
        {
            foreach (var initial in Enum.GetValues<Initial>())
            {
                foreach (var (y, yh, yc, label) in Outputs())
                {
                    yield return Case($"{direction} initial {initial} {label}", opset, direction, 0, initial, y, yh, yc);
                }
            }
        }
    }

    private IEnumerable<(bool Y, bool Yh, bool Yc, string Label)> Outputs()
    {
        yield return (true, true, true, "all outputs");
        yield return (true, false, false, "Y only");
        yield return (false, true, false, "Y_h only");
        if (states == 2)
        {
            yield return (false, false, true, "Y_c only");
        }
    }

    /// <summary>
    /// Layout 1 (batch-first X, states and outputs): MilForge's conversion of a layout-1 node must match ONNX Runtime
    /// running the same node at layout 0 between Transposes (ONNX Runtime implements only layout 0).
    /// </summary>
    public void AssertLayout1MatchesTransposedLayout0(string direction, Initial initial, int[]? sequenceLens = null)
    {
        var d = direction == "bidirectional" ? 2 : 1;
        var feeds = new Dictionary<string, Tensor>(StringComparer.Ordinal) { ["X"] = Uniform([Batch, Steps, Features]) };
        var (w, r, b) = (Uniform([d, gates * Hidden, Features], 0.7f), Uniform([d, gates * Hidden, Hidden], 0.7f), Uniform([d, 2 * gates * Hidden], 0.5f));
        string[] stateNames = [.. new[] { "initial_h", "initial_c" }.Take(states)];
        var stateValues = stateNames.Select(_ => Uniform([Batch, d, Hidden])).ToArray();
        string[] outputs = [.. new[] { "Y", "Y_h", "Y_c" }.Take(states + 1)];
        byte[] Model(bool batchFirst)
        {
            var g = new MilForge.Onnx.Building.OnnxGraphBuilder(14, "layout").Input("X", DataType.Float32, Batch, Steps, Features)
                .Initializer("W", w).Initializer("R", r).Initializer("B", b);
            if (sequenceLens is not null)
            {
                g.Initializer("sequence_lens", Tensor.Vector(sequenceLens));
            }
            for (var s = 0; s < states; s++)
            {
                if (initial == Initial.RunTime)
                {
                    g.Input(stateNames[s], DataType.Float32, Batch, d, Hidden);
                }
                else if (initial == Initial.Constant)
                {
                    g.Initializer(stateNames[s], stateValues[s]);
                }
            }
            string T(string name, long[] perm)
            {
                if (batchFirst)
                {
                    return name;
                }
                g.Node("Transpose", [name], [name + "_t"]).Attr("perm", perm);
                return name + "_t";
            }
            var inputs = new List<string> { T("X", [1, 0, 2]), "W", "R", "B", sequenceLens is null ? "" : "sequence_lens" };
            inputs.AddRange(stateNames.Select(n => initial == Initial.None ? "" : T(n, [1, 0, 2])));
            var nodeOutputs = outputs.Select(o => batchFirst ? o : o + "_t").ToArray();
            var node = g.Node(op, [.. inputs], nodeOutputs).Attr("hidden_size", (long)Hidden).Attr("direction", direction);
            if (batchFirst)
            {
                node.Attr("layout", 1L);
            }
            else
            {
                g.Node("Transpose", ["Y_t"], ["Y"]).Attr("perm", [2L, 0, 1, 3]);
                foreach (var o in outputs.Skip(1))
                {
                    g.Node("Transpose", [o + "_t"], [o]).Attr("perm", [1L, 0, 2]);
                }
            }
            foreach (var o in outputs)
            {
                g.Output(o, DataType.Float32, null);
            }
            return g.ToBytes();
        }
        if (initial == Initial.RunTime)
        {
            for (var s = 0; s < states; s++)
            {
                feeds[stateNames[s]] = stateValues[s];
            }
        }
        var expected = new OnnxRuntime.OrtReferenceRunner().Run(Model(batchFirst: false), feeds, "layout 0 between transposes");
        var import = Precision.OnnxConversion.Import(MilForge.Onnx.Reading.OnnxModel.Parse(Model(batchFirst: true), null, "layout 1"));
        var program = OnnxOracle.RoundTrip(import.Program);
        var actual = new Runtime.MilInterpreter().Run(program, import.InputNames.ToDictionary(m => m.Value, m => feeds[m.Key]));
        for (var k = 0; k < expected.Count; k++)
        {
            var comparison = Precision.Comparison.TensorComparer.Compare(expected[k].Key, expected[k].Value, actual[import.OutputNames[k].Value], 1e-5, 1e-4);
            Assert.True(comparison.Passed, $"{op} layout 1 {direction} {initial}: output '{expected[k].Key}' {comparison.Detail ?? $"max abs {comparison.MaxAbsError:G4}"}");
        }
    }

    private Tensor Uniform(int[] shape, float scale = 1f) => TestTensors.Uniform(_seed++, shape, -scale, scale);
}
