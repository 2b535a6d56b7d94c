using MilForge.Diagnostics;
using MilForge.Onnx.Reading;
using MilForge.Precision;
using MilForge.Runtime;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Split: equal parts, sizes as an attribute (opsets 2/11) or an input (13, 18), num_outputs with a smaller last part
/// (18), negative axes, zero-size parts.
/// </summary>
public class SplitTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var x = TestTensors.Uniform(1, [2, 6, 4]);
        data.Add(Outputs(new NodeCase("equal parts opset 2", "Split", 2).Input("x", x).Attr("axis", 1L), 3));
        data.Add(Outputs(new NodeCase("equal parts default axis", "Split", 11).Input("x", x), 2));
        data.Add(Outputs(new NodeCase("sizes attr opset 2", "Split", 2).Input("x", x).Attr("axis", 1L).Attr("split", [1L, 2L, 3L]), 3));
        data.Add(Outputs(new NodeCase("sizes attr opset 11", "Split", 11).Input("x", x).Attr("axis", 2L).Attr("split", [3L, 1L]), 2));
        data.Add(Outputs(new NodeCase("negative axis attr", "Split", 11).Input("x", x).Attr("axis", -2L).Attr("split", [4L, 2L]), 2));
        data.Add(Outputs(new NodeCase("equal parts opset 13", "Split", 13).Input("x", x).Attr("axis", -1L), 4));
        data.Add(Outputs(new NodeCase("sizes input opset 13", "Split", 13).Input("x", x).Constant("split", TestTensors.LongVector(2, 4)).Attr("axis", 1L), 2));
        data.Add(Outputs(new NodeCase("sizes input opset 18", "Split", 18).Input("x", x).Constant("split", TestTensors.LongVector(1, 1, 4)).Attr("axis", 1L), 3));
        data.Add(Outputs(new NodeCase("num_outputs even", "Split", 18).Input("x", x).Attr("axis", 1L).Attr("num_outputs", 3L), 3));
        data.Add(Outputs(new NodeCase("num_outputs uneven", "Split", 18).Input("x", TestTensors.Uniform(2, [7, 2])).Attr("num_outputs", 3L), 3));
        data.Add(Outputs(new NodeCase("one output", "Split", 13).Input("x", x).Attr("axis", 1L), 1));
        data.Add(Outputs(new NodeCase("zero-size part", "Split", 13).Input("x", x).Constant("split", TestTensors.LongVector(2, 0, 4)).Attr("axis", 1L), 3));
        data.Add(Outputs(new NodeCase("rank 1", "Split", 13).Input("x", TestTensors.Uniform(3, [5])).Constant("split", TestTensors.LongVector(2, 3)), 2));
        data.Add(Outputs(new NodeCase("int64", "Split", 13).Input("x", TestTensors.LongVector(1, 2, 3, 4)), 2, DataType.Int64));
        data.Add(Outputs(new NodeCase("symbolic other dim", "Split", 13).SymbolicInput("x", x, 0).Attr("axis", 1L), 2));
        data.Add(Outputs(new NodeCase("symbolic split dim", "Split", 13).SymbolicInput("x", x, 1).Attr("axis", 1L), 3));
        data.Add(Outputs(new NodeCase("num_outputs, symbolic split dim", "Split", 18).SymbolicInput("x", TestTensors.Uniform(2, [9, 2]), 0).Attr("num_outputs", 3L), 3));
        data.Add(Outputs(new NodeCase("symbolic split dim, sizes", "Split", 13).SymbolicInput("x", x, 1).Constant("split", TestTensors.LongVector(5, 1))
            .Attr("axis", 1L), 2));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void SizesNotMatchingOutputsAreRejected() =>
        Rejection.Assert(Outputs(new NodeCase("2 sizes, 3 outputs", "Split", 13).Input("x", TestTensors.Uniform(1, [6]))
            .Constant("split", TestTensors.LongVector(3, 3)), 3), DiagnosticCodes.OnnxBadAttribute, "2 sizes for 3 outputs");

    [Fact]
    public void NumOutputsOverASymbolicDimAssumesEqualPartsWithAWarning()
    {
        // ONNX gives [3, 3, 1] for 7 rows; MIL split has no smaller last part, so the program warns and a run that
        // does not divide fails clearly.
        var c = Outputs(new NodeCase("uneven at run time", "Split", 18).SymbolicInput("x", TestTensors.Uniform(2, [7, 2]), 0).Attr("num_outputs", 3L), 3);
        var import = OnnxConversion.Import(OnnxModel.Parse(c.ModelBytes(), null, c.ToString()));
        Assert.Contains("assumes it divides evenly", Assert.Single(import.Diagnostics, d => d.Severity == Severity.Warning && d.Code == DiagnosticCodes.OnnxBadAttribute).Message, StringComparison.Ordinal);
        var e = Assert.Throws<DiagnosticException>(() => new MilInterpreter().Run(import.Program, new Dictionary<string, Tensor> { ["x"] = c.Feeds["x"] }));
        Assert.Equal(DiagnosticCodes.RunOpFailed, e.Code);
        Assert.Contains("num_splits 3 does not divide dim 0 of size 7", e.Message, StringComparison.Ordinal);
    }

    private static NodeCase Outputs(NodeCase c, int count, DataType type = DataType.Float32)
    {
        for (var i = 0; i < count; i++)
        {
            c = c.Output($"y{i}", type);
        }
        return c;
    }
}
