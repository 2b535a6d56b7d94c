using MilForge.Onnx.Building;
using MilForge.Onnx.Import;
using MilForge.Onnx.Reading;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// If → MIL cond: both branch outcomes over opsets 11–21 (ONNX Runtime has no kernels for the opset-1 ops inside the branches; the converter takes If-1 the same way), branches reading outer values, a cond of shape [1], branches
/// with different static shapes (symbolic output), several outputs, a nested If, and a constant cond that imports
/// only the taken branch.
/// </summary>
public class IfTests
{
    private static OnnxGraphBuilder Branch(string output, Action<OnnxGraphBuilder> nodes, long?[]? dims = null)
    {
        var g = new OnnxGraphBuilder(13, output + "_graph");
        nodes(g);
        return g.Output(output, DataType.Float32, dims);
    }

    private static OnnxGraphBuilder AddOne(string output) =>
        Branch(output, g => g.Initializer(output + "_one", Tensor.Scalar(1f)).Node("Add", ["x", output + "_one"], [output], output + "/Add"));

    private static OnnxGraphBuilder Square(string output) => Branch(output, g => g.Node("Mul", ["x", "x"], [output], output + "/Mul"));

    private static OnnxGraphBuilder WithSecond(OnnxGraphBuilder branch, string opType, string output)
    {
        branch.Node(opType, ["x"], [output], $"{output}/{opType}");
        return branch.Output(output, DataType.Float32, null);
    }

    private static OnnxGraphBuilder CastToInt64(string output)
    {
        var g = new OnnxGraphBuilder(13, output + "_graph");
        g.Node("Cast", ["x"], [output], output + "/Cast").Attr("to", 7L);
        return g.Output(output, DataType.Int64, null);
    }

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var opset in new[] { 11, 13, 16, 19, 21 })
        {
            foreach (var taken in new[] { true, false })
            {
                data.Add(new NodeCase($"opset {opset} cond {taken}", "If", opset).Input("c", Tensor.Scalar(taken)).OuterInput("x", TestTensors.Uniform(seed++, [2, 3]))
                    .Attr("then_branch", AddOne("t")).Attr("else_branch", Square("e")).Output("y"));
            }
        }
        data.Add(new NodeCase("cond of shape [1]", "If", 13).Input("c", Tensor.Create(new[] { false }, 1)).OuterInput("x", TestTensors.Uniform(seed++, [4]))
            .Attr("then_branch", AddOne("t")).Attr("else_branch", Square("e")).Output("y"));
        foreach (var taken in new[] { true, false })
        {
            data.Add(new NodeCase($"branches of different shapes, cond {taken}", "If", 13).Input("c", Tensor.Scalar(taken)).OuterInput("x", TestTensors.Uniform(seed++, [2, 3]))
                .Attr("then_branch", Branch("t", g => g.Node("Concat", ["x", "x"], ["t"], "t/Concat").Attr("axis", 0L)))
                .Attr("else_branch", Square("e")).Output("y"));
            data.Add(new NodeCase($"two outputs, cond {taken}", "If", 16).Input("c", Tensor.Scalar(taken)).OuterInput("x", TestTensors.Uniform(seed++, [3]))
                .Attr("then_branch", WithSecond(AddOne("t"), "Neg", "t2")).Attr("else_branch", WithSecond(Square("e"), "Relu", "e2"))
                .Output("y").Output("z"));
            data.Add(new NodeCase($"nested If, cond {taken}", "If", 13).Input("c", Tensor.Scalar(taken)).OuterInput("d", Tensor.Scalar(!taken)).OuterInput("x", TestTensors.Uniform(seed++, [2, 2]))
                .Attr("then_branch", Branch("t", g => g.Node("If", ["d"], ["t"], "t/If").Attr("then_branch", AddOne("tt")).Attr("else_branch", Square("te"))))
                .Attr("else_branch", Square("e")).Output("y"));
        }
        data.Add(new NodeCase("constant cond", "If", 13).Constant("c", Tensor.Scalar(false)).OuterInput("x", TestTensors.Uniform(seed++, [2, 3]))
            .Attr("then_branch", AddOne("t")).Attr("else_branch", Square("e")).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void BranchesOfDifferentShapesGiveASymbolicDim()
    {
        var c = Cases().Select(r => (NodeCase)((ITheoryDataRow)r).GetData()[0]!).First(n => n.Name.StartsWith("branches of different shapes", StringComparison.Ordinal));
        var program = new OnnxImporter().Import(OnnxModel.Parse(c.ModelBytes(), null, c.Name)).Program;
        var cond = program.Main.Body.Operations.Single(o => o.Type == "cond");
        Assert.False(cond.Output.Shape[0].IsKnown);
        Assert.Equal(Dim.Of(3), cond.Output.Shape[1]);
        Assert.Equal("/t/Concat", "/" + cond.Blocks[0].Operations.Single(o => o.Type == "concat").Origin.NodeName);
    }

    [Fact]
    public void ConstantCondImportsOnlyTheTakenBranch()
    {
        var c = Cases().Select(r => (NodeCase)((ITheoryDataRow)r).GetData()[0]!).Single(n => n.Name == "constant cond");
        var program = new OnnxImporter().Import(OnnxModel.Parse(c.ModelBytes(), null, c.Name)).Program;
        Assert.DoesNotContain(program.Main.AllOperations(), o => o.Type == "cond");
        Assert.Contains(program.Main.Body.Operations, o => o.Type == "mul" && o.Origin.NodeName == "e/Mul");
    }

    [Fact]
    public void BranchesOfDifferentTypesAreRefused()
    {
        var c = new NodeCase("int and float branches", "If", 13).Input("c", Tensor.Scalar(true)).OuterInput("x", TestTensors.Uniform(1, [2]))
            .Attr("then_branch", Square("t"))
            .Attr("else_branch", CastToInt64("e"))
            .Output("y");
        var e = Assert.Throws<Diagnostics.DiagnosticException>(() => new OnnxImporter().Import(OnnxModel.Parse(c.ModelBytes(), null, c.Name)));
        Assert.Equal(Diagnostics.DiagnosticCodes.MilTypeMismatch, e.Diagnostics[0].Code);
    }
}
