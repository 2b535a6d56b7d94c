using MilForge.Onnx.Building;
using MilForge.Onnx.Import;
using MilForge.Onnx.Reading;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Loop: a constant trip count unrolled (carried values, scan outputs stacked on axis 0, a cond computed in the body
/// that ends the loop early at run time), a run-time trip count as MIL while_loop, scan outputs under a run-time
/// trip count or cond as while_loop buffers (preallocated to M, cut to the iterations run), and the refusals.
/// </summary>
public class LoopTests
{
    /// <summary>Body: y_out = y_in + x * i (as float); cond_out = sum(y_out) &lt; limit (or cond_in); scan = y_out.</summary>
    private static OnnxGraphBuilder Body(bool computedCond, bool scan)
    {
        var g = new OnnxGraphBuilder(13, "body")
            .Input("i", DataType.Int64)
            .Input("c", DataType.Bool)
            .Input("y_in", DataType.Float32, null!);
        g.Node("Cast", ["i"], ["fi"], "body/Cast").Attr("to", 1L);
        g.Node("Mul", ["x", "fi"], ["step"], "body/Mul");
        g.Node("Add", ["y_in", "step"], ["y_out"], "body/Add");
        if (computedCond)
        {
            g.Initializer("limit", Tensor.Scalar(4f));
            g.Node("ReduceSum", ["y_out"], ["total"], "body/ReduceSum").Attr("keepdims", 0L);
            g.Node("Less", ["total", "limit"], ["c_out"], "body/Less");
        }
        else
        {
            g.Node("Identity", ["c"], ["c_out"], "body/Identity");
        }
        g.Output("c_out", DataType.Bool, null).Output("y_out", DataType.Float32, null);
        if (scan)
        {
            g.Node("Neg", ["y_out"], ["s"], "body/Neg");
            g.Output("s", DataType.Float32, null);
        }
        return g;
    }

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var opset in new[] { 11, 13, 16, 19, 21 })
        {
            data.Add(new NodeCase($"opset {opset} constant M with scan output", "Loop", opset).Constant("M", Tensor.Scalar(3L)).Constant("cond", Tensor.Scalar(true))
                .Input("y0", TestTensors.Uniform(seed++, [2, 3])).OuterInput("x", TestTensors.Uniform(seed++, [2, 3]))
                .Attr("body", Body(false, true)).Output("y").Output("ys"));
        }
        data.Add(new NodeCase("constant M, run-time cond computed in the body", "Loop", 13).Constant("M", Tensor.Scalar(6L)).Constant("cond", Tensor.Scalar(true))
            .Input("y0", TestTensors.Uniform(seed++, [2, 2])).OuterInput("x", TestTensors.Uniform(seed++, [2, 2]))
            .Attr("body", Body(true, false)).Output("y"));
        data.Add(new NodeCase("constant M, run-time cond input", "Loop", 13).Constant("M", Tensor.Scalar(4L)).Input("cond", Tensor.Scalar(false))
            .Input("y0", TestTensors.Uniform(seed++, [3])).OuterInput("x", TestTensors.Uniform(seed++, [3]))
            .Attr("body", Body(false, false)).Output("y"));
        data.Add(new NodeCase("run-time M as while_loop", "Loop", 13).Input("M", Tensor.Scalar(5L)).Constant("cond", Tensor.Scalar(true))
            .Input("y0", TestTensors.Uniform(seed++, [2, 3])).OuterInput("x", TestTensors.Uniform(seed++, [2, 3]))
            .Attr("body", Body(true, false)).Output("y"));
        data.Add(new NodeCase("constant M over 256 as while_loop", "Loop", 13).Constant("M", Tensor.Scalar(300L)).Input("cond", Tensor.Scalar(true))
            .Input("y0", TestTensors.Uniform(seed++, [2])).OuterInput("x", TestTensors.Uniform(seed++, [2]))
            .Attr("body", Body(true, false)).Output("y").Fp32Only("300 iterations of FP16 additions accumulate rounding beyond one op's tolerance"));
        data.Add(ScanCase("scan output, run-time cond input", ref seed, Tensor.Scalar(3L), false, Tensor.Scalar(true), false, computedCond: false));
        data.Add(ScanCase("scan output, cond computed in the body ends the loop early", ref seed, Tensor.Scalar(6L), false, Tensor.Scalar(true), true, computedCond: true));
        data.Add(ScanCase("scan output, run-time M", ref seed, Tensor.Scalar(4L), true, null, false, computedCond: false));
        data.Add(ScanCase("scan output, run-time M and a cond computed in the body", ref seed, Tensor.Scalar(7L), true, Tensor.Scalar(true), true, computedCond: true));
        data.Add(ScanCase("scan output, constant M over 256", ref seed, Tensor.Scalar(300L), false, null, false, computedCond: false)
            .Fp32Only("300 iterations of FP16 additions accumulate rounding beyond one op's tolerance"));
        return data;
    }

    /// <summary>A loop with a scan output run as while_loop: M and cond each a constant, a graph input, or absent (cond only).</summary>
    private static NodeCase ScanCase(string name, ref int seed, Tensor m, bool runTimeM, Tensor? cond, bool constantCond, bool computedCond)
    {
        var c = new NodeCase(name, "Loop", 13);
        c = runTimeM ? c.Input("M", m) : c.Constant("M", m);
        c = cond is null ? c.Skip() : constantCond ? c.Constant("cond", cond) : c.Input("cond", cond);
        return c.Input("y0", TestTensors.Uniform(seed++, [2])).OuterInput("x", TestTensors.Uniform(seed++, [2]))
            .Attr("body", Body(computedCond, true)).Output("y").Output("ys");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => OnnxOracle.AssertMatchesFp16(c);

    [Fact]
    public void ConstantTripCountIsUnrolled()
    {
        var c = Cases().Select(r => (NodeCase)((ITheoryDataRow)r).GetData()[0]!).First(n => n.Name.Contains("constant M with scan", StringComparison.Ordinal));
        var program = new OnnxImporter().Import(OnnxModel.Parse(c.ModelBytes(), null, c.Name)).Program;
        Assert.DoesNotContain(program.Main.AllOperations(), o => o.Type == "while_loop");
        Assert.Equal(3, program.Main.Body.Operations.Count(o => o.Type == "add" && o.Origin.NodeName == "body/Add"));
    }

    [Fact]
    public void ScanOutputsWithoutATripCountAreRefused()
    {
        var c = new NodeCase("scan output, no M", "Loop", 13).Skip().Input("cond", Tensor.Scalar(true))
            .Input("y0", TestTensors.Uniform(1, [2])).OuterInput("x", TestTensors.Uniform(2, [2]))
            .Attr("body", Body(true, true)).Output("y").Output("ys");
        var e = Assert.Throws<Diagnostics.DiagnosticException>(() => new OnnxImporter().Import(OnnxModel.Parse(c.ModelBytes(), null, c.Name)));
        Assert.Equal(Diagnostics.DiagnosticCodes.OnnxNotConstant, e.Diagnostics[0].Code);
        Assert.Contains("'/Loop'", e.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScanOutputsUnderARunTimeCondAreWhileLoopBuffers()
    {
        var c = Cases().Select(r => (NodeCase)((ITheoryDataRow)r).GetData()[0]!).First(n => n.Name.Contains("ends the loop early", StringComparison.Ordinal));
        var program = new OnnxImporter().Import(OnnxModel.Parse(c.ModelBytes(), null, c.Name)).Program;
        var loop = program.Main.Body.Operations.Single(o => o.Type == "while_loop");
        Assert.Contains(loop.Blocks[1].Operations, o => o.Type == "scatter");
        Assert.Contains(program.Main.Body.Operations, o => o.Type == "slice_by_size");
        Assert.Single(program.Main.AllOperations(), o => o.Type == "add" && o.Origin.NodeName == "body/Add");
    }
}
