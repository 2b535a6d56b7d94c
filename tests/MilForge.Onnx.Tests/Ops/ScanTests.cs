using MilForge.Onnx.Building;
using MilForge.Onnx.Import;
using MilForge.Onnx.Reading;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Scan: opset 9+ with every scan_input_axes / scan_input_directions / scan_output_axes / scan_output_directions
/// combination (unrolled), no states or no scan outputs, an outer-scope value, integer states, long and symbolic scans
/// as while_loop (scan outputs in preallocated buffers); opset 8 batches with directions and constant or run-time sequence_lens; the
/// refusals.
/// </summary>
public class ScanTests
{
    /// <summary>
    /// Body: states s{k}_out = s{k}_in · 0.5 + x{k} (x{k} the k-th slice, or x0 when there are fewer inputs), an int64
    /// counter when asked; scan outputs y{j} = s{j}_out − x{j} · 2 (or −x{j} without states).
    /// </summary>
    private static OnnxGraphBuilder Body(int states, int inputs, int outputs, bool counter = false, string? outer = null)
    {
        var g = new OnnxGraphBuilder(13, "body").Initializer("half", Tensor.Scalar(0.5f)).Initializer("two", Tensor.Scalar(2f));
        if (counter)
        {
            g.Input("n_in", DataType.Int64).Initializer("one", Tensor.Scalar(1L));
            g.Node("Add", ["n_in", "one"], ["n_out"], "body/Count");
        }
        for (var k = 0; k < states; k++)
        {
            g.Input($"s{k}_in", DataType.Float32, null!);
        }
        for (var i = 0; i < inputs; i++)
        {
            g.Input($"x{i}", DataType.Float32, null!);
        }
        if (counter)
        {
            g.Output("n_out", DataType.Int64, null);
        }
        for (var k = 0; k < states; k++)
        {
            var x = $"x{Math.Min(k, inputs - 1)}";
            g.Node("Mul", [$"s{k}_in", "half"], [$"s{k}_half"], $"body/Decay{k}");
            g.Node("Add", [$"s{k}_half", x], [$"s{k}_out"], $"body/Add{k}");
            g.Output($"s{k}_out", DataType.Float32, null);
        }
        for (var j = 0; j < outputs; j++)
        {
            var x = $"x{Math.Min(j, inputs - 1)}";
            if (outer is not null && j == 0)
            {
                g.Node("Mul", [x, outer], [$"y{j}"], $"body/Outer{j}");
            }
            else if (states == 0)
            {
                g.Node("Neg", [x], [$"y{j}"], $"body/Neg{j}");
            }
            else
            {
                g.Node("Mul", [x, "two"], [$"x{j}_twice"], $"body/Twice{j}");
                g.Node("Sub", [$"s{Math.Min(j, states - 1)}_out", $"x{j}_twice"], [$"y{j}"], $"body/Sub{j}");
            }
            g.Output($"y{j}", DataType.Float32, null);
        }
        return g;
    }

    /// <summary>Opset 9+ case: states of <paramref name="stateShape"/>, scan inputs as given, body outputs as asked.</summary>
    private static NodeCase Case(string name, int opset, ref int seed, int[] stateShape, int[][] inputShapes, int states, int outputs,
        Action<NodeCase>? attributes = null)
    {
        var c = new NodeCase(name, "Scan", opset);
        for (var k = 0; k < states; k++)
        {
            c.Input($"s{k}", TestTensors.Uniform(seed++, stateShape));
        }
        for (var i = 0; i < inputShapes.Length; i++)
        {
            c.Input($"x{i}", TestTensors.Uniform(seed++, inputShapes[i]));
        }
        c.Attr("body", Body(states, inputShapes.Length, outputs)).Attr("num_scan_inputs", (long)inputShapes.Length);
        attributes?.Invoke(c);
        for (var k = 0; k < states; k++)
        {
            c.Output($"s{k}_final");
        }
        for (var j = 0; j < outputs; j++)
        {
            c.Output($"y{j}_all");
        }
        return c;
    }

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var opset in new[] { 9, 11, 16, 19, 21 })
        {
            data.Add(Case($"opset {opset} sum", opset, ref seed, [2], [[4, 2]], 1, 1));
        }
        data.Add(Case("input axis 1", 9, ref seed, [2, 4], [[2, 3, 4]], 1, 1, c => c.Attr("scan_input_axes", [1L])));
        data.Add(Case("input axis -1", 11, ref seed, [2, 3], [[2, 3, 5]], 1, 1, c => c.Attr("scan_input_axes", [-1L])));
        data.Add(Case("reversed input", 9, ref seed, [3], [[4, 3]], 1, 1, c => c.Attr("scan_input_directions", [1L])));
        data.Add(Case("output axis 1", 9, ref seed, [2, 3], [[4, 2, 3]], 1, 1, c => c.Attr("scan_output_axes", [1L])));
        data.Add(Case("output axis 2 (last)", 9, ref seed, [2, 3], [[4, 2, 3]], 1, 1, c => c.Attr("scan_output_axes", [2L])));
        data.Add(Case("output axis -1", 16, ref seed, [2, 3], [[4, 2, 3]], 1, 1, c => c.Attr("scan_output_axes", [-1L])));
        data.Add(Case("reversed output", 9, ref seed, [3], [[5, 3]], 1, 1, c => c.Attr("scan_output_directions", [1L])));
        data.Add(Case("reversed input, reversed output on axis 1", 11, ref seed, [2], [[2, 4]], 1, 1,
            c => c.Attr("scan_input_axes", [1L]).Attr("scan_input_directions", [1L]).Attr("scan_output_axes", [1L]).Attr("scan_output_directions", [1L])));
        data.Add(Case("two inputs on different axes and directions, two outputs", 19, ref seed, [2], [[3, 2], [2, 3]], 2, 2,
            c => c.Attr("scan_input_axes", [0L, 1]).Attr("scan_input_directions", [0L, 1]).Attr("scan_output_axes", [0L, -1]).Attr("scan_output_directions", [1L, 0])));
        data.Add(Case("no states (a map)", 11, ref seed, [], [[4, 2, 2]], 0, 1, c => c.Attr("scan_input_axes", [2L])));
        data.Add(Case("no scan outputs (a reduction)", 11, ref seed, [3], [[6, 3]], 1, 0, c => c.Attr("scan_input_directions", [1L])));
        data.Add(Case("one step", 21, ref seed, [2], [[1, 2]], 1, 1));
        data.Add(new NodeCase("outer-scope value and an int64 counter", "Scan", 11).Input("n", Tensor.Scalar(3L)).Input("s0", TestTensors.Uniform(seed++, [2]))
            .Input("x0", TestTensors.Uniform(seed++, [3, 2])).OuterInput("w", TestTensors.Uniform(seed++, [2]))
            .Attr("body", Body(1, 1, 1, counter: true, outer: "w")).Attr("num_scan_inputs", 1L)
            .Output("n_final", DataType.Int64).Output("s0_final").Output("y0_all"));
        data.Add(Case("300 steps without scan outputs as while_loop", 11, ref seed, [2], [[300, 2]], 1, 0, c => c.Attr("scan_input_directions", [1L])));
        data.Add(Case("300 steps with scan outputs as while_loop", 11, ref seed, [2], [[300, 2]], 1, 1));
        data.Add(Case("300 steps, reversed input, reversed output on axis 1, as while_loop", 16, ref seed, [2], [[300, 2]], 1, 2,
            c => c.Attr("scan_input_directions", [1L]).Attr("scan_output_axes", [1L, -2]).Attr("scan_output_directions", [1L, 0])));
        data.Add(new NodeCase("symbolic length with scan outputs as while_loop", "Scan", 11).Input("s0", TestTensors.Uniform(seed++, [2]))
            .SymbolicInput("x0", TestTensors.Uniform(seed++, [4, 2]), 0).Attr("body", Body(1, 1, 1)).Attr("num_scan_inputs", 1L)
            .Attr("scan_input_directions", [1L]).Attr("scan_output_axes", [1L]).Output("s0_final").Output("y0_all"));
        data.Add(SymbolicLength("symbolic length as while_loop", ref seed, reversed: false));
        data.Add(SymbolicLength("symbolic length, reversed input, as while_loop", ref seed, reversed: true));
        foreach (var c in BatchedCases(ref seed))
        {
            data.Add(c);
        }
        return data;
    }

    private static NodeCase SymbolicLength(string name, ref int seed, bool reversed) =>
        new NodeCase(name, "Scan", 16).Input("s0", TestTensors.Uniform(seed++, [3])).SymbolicInput("x0", TestTensors.Uniform(seed++, [5, 3]), 0)
            .Attr("body", Body(1, 1, 0)).Attr("num_scan_inputs", 1L).Attr("scan_input_directions", [reversed ? 1L : 0]).Output("s0_final");

    /// <summary>Opset 8: batch 2, sequence length 3 (or 150 for the while_loop forms), with and without sequence_lens.</summary>
    private static IEnumerable<NodeCase> BatchedCases(ref int seed)
    {
        var cases = new List<NodeCase>();
        foreach (var reversed in new[] { false, true })
        {
            var direction = reversed ? "reversed" : "forward";
            cases.Add(Batched($"opset 8 {direction}", ref seed, reversed, 3, null, false, 1));
            cases.Add(Batched($"opset 8 {direction}, constant sequence_lens", ref seed, reversed, 3, Tensor.Vector(3L, 1), false, 1));
            cases.Add(Batched($"opset 8 {direction}, run-time sequence_lens", ref seed, reversed, 3, Tensor.Vector(2L, 3), true, 1));
            cases.Add(Batched($"opset 8 {direction}, 150 steps × 2 as while_loop", ref seed, reversed, 150, null, false, 0));
            cases.Add(Batched($"opset 8 {direction}, run-time sequence_lens, as while_loop", ref seed, reversed, 150, Tensor.Vector(150L, 97), true, 0));
        }
        cases.Add(Batched("opset 8 scan outputs, 150 steps × 2 as while_loop", ref seed, true, 150, null, false, 1));
        cases.Add(Batched("opset 8 scan outputs, run-time sequence_lens, 150 steps × 2 as while_loop", ref seed, true, 150, Tensor.Vector(40L, 150), true, 1));
        cases.Add(Batched("opset 8, two states, two inputs, directions [0, 1], constant sequence_lens", ref seed, false, 4, Tensor.Vector(2L, 4), false, 2, twoInputs: true));
        return cases;
    }

    private static NodeCase Batched(string name, ref int seed, bool reversed, int steps, Tensor? lengths, bool runTimeLengths, int outputs, bool twoInputs = false)
    {
        var inputs = twoInputs ? 2 : 1;
        var c = new NodeCase(name, "Scan", 8);
        if (lengths is null)
        {
            c.Skip();
        }
        else if (runTimeLengths)
        {
            c.Input("lens", lengths);
        }
        else
        {
            c.Constant("lens", lengths);
        }
        for (var k = 0; k < inputs; k++)
        {
            c.Input($"s{k}", TestTensors.Uniform(seed++, [2, 3]));
        }
        for (var i = 0; i < inputs; i++)
        {
            c.Input($"x{i}", TestTensors.Uniform(seed++, [2, steps, 3]));
        }
        c.Attr("body", Body(inputs, inputs, outputs)).Attr("num_scan_inputs", (long)inputs)
            .Attr("directions", twoInputs ? new long[] { 0, 1 } : [reversed ? 1L : 0]);
        for (var k = 0; k < inputs; k++)
        {
            c.Output($"s{k}_final");
        }
        for (var j = 0; j < outputs; j++)
        {
            c.Output($"y{j}_all");
        }
        return c;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => Assert.True(OnnxOracle.AssertMatchesFp16(c), $"{c} was not checked in FP16");

    private static NodeCase Named(string part) =>
        Cases().Select(r => (NodeCase)((ITheoryDataRow)r).GetData()[0]!).First(n => n.Name.Contains(part, StringComparison.Ordinal));

    private static Mil.MilProgram Import(NodeCase c) => new OnnxImporter().Import(OnnxModel.Parse(c.ModelBytes(), null, c.Name)).Program;

    [Fact]
    public void AKnownShortScanIsUnrolledOneBodyPerStep()
    {
        var program = Import(Named("reversed output"));
        Assert.DoesNotContain(program.Main.AllOperations(), o => o.Type == "while_loop");
        Assert.Equal(5, program.Main.Body.Operations.Count(o => o.Type == "add" && o.Origin.NodeName == "body/Add0"));
    }

    [Theory]
    [InlineData("300 steps", 1)]
    [InlineData("symbolic length as", 1)]
    [InlineData("opset 8 forward, 150 steps", 2)]
    public void LongOrSymbolicScansWithoutScanOutputsAreWhileLoops(string part, int loops)
    {
        var program = Import(Named(part));
        Assert.Equal(loops, program.Main.Body.Operations.Count(o => o.Type == "while_loop"));
        Assert.Equal(loops, program.Main.AllOperations().Count(o => o.Type == "add" && o.Origin.NodeName == "body/Add0"));
    }

    public static TheoryData<string, NodeCase> Refused()
    {
        var seed = 900;
        var data = new TheoryData<string, NodeCase>
        {
            { Diagnostics.DiagnosticCodes.OnnxBadAttribute, Case("direction 2", 11, ref seed, [2], [[3, 2]], 1, 1, c => c.Attr("scan_input_directions", [2L])) },
            { Diagnostics.DiagnosticCodes.OnnxBadAttribute, Case("two output directions for one output", 11, ref seed, [2], [[3, 2]], 1, 1, c => c.Attr("scan_output_directions", [0L, 1])) },
            { Diagnostics.DiagnosticCodes.OnnxBadAttribute, Case("input axis out of range", 11, ref seed, [2], [[3, 2]], 1, 1, c => c.Attr("scan_input_axes", [2L])) },
            { Diagnostics.DiagnosticCodes.OnnxBadAttribute, Case("output axis out of range", 11, ref seed, [2], [[3, 2]], 1, 1, c => c.Attr("scan_output_axes", [-3L])) },
            { Diagnostics.DiagnosticCodes.OnnxBadAttribute, Case("scan inputs of different lengths", 11, ref seed, [2], [[3, 2], [4, 2]], 1, 1) },
            { Diagnostics.DiagnosticCodes.OnnxBadAttribute, Case("empty scan with scan outputs", 11, ref seed, [2], [[0, 2]], 1, 1) },
            { Diagnostics.DiagnosticCodes.OnnxBadAttribute, Batched("opset 8 sequence_lens beyond the length", ref seed, false, 3, Tensor.Vector(4L, 1), false, 1) },
            {
                Diagnostics.DiagnosticCodes.OnnxBadAttribute,
                new NodeCase("opset 8 symbolic batch", "Scan", 8).Skip().SymbolicInput("s0", TestTensors.Uniform(seed++, [2, 3]), 0)
                    .SymbolicInput("x0", TestTensors.Uniform(seed++, [2, 3, 3]), 0).Attr("body", Body(1, 1, 1)).Attr("num_scan_inputs", 1L)
                    .Output("s0_final").Output("y0_all")
            },
            {
                Diagnostics.DiagnosticCodes.OnnxBadAttribute,
                new NodeCase("num_scan_inputs missing", "Scan", 11).Input("s0", TestTensors.Uniform(seed++, [2])).Input("x0", TestTensors.Uniform(seed++, [3, 2]))
                    .Attr("body", Body(1, 1, 1)).Output("s0_final").Output("y0_all")
            },
            {
                Diagnostics.DiagnosticCodes.OnnxBadAttribute,
                new NodeCase("num_scan_inputs beyond the inputs", "Scan", 11).Input("s0", TestTensors.Uniform(seed++, [2])).Input("x0", TestTensors.Uniform(seed++, [3, 2]))
                    .Attr("body", Body(1, 1, 1)).Attr("num_scan_inputs", 3L).Output("s0_final").Output("y0_all")
            },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void RefusesWithACodedDiagnosticNamingTheNode(string code, NodeCase c)
    {
        var e = Assert.Throws<Diagnostics.DiagnosticException>(() => Import(c));
        Assert.Equal(code, e.Diagnostics[0].Code);
        Assert.Contains("'/Scan'", e.Diagnostics[0].Message, StringComparison.Ordinal);
    }
}
