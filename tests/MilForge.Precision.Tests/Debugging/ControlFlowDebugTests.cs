using MilForge.Onnx.Building;
using MilForge.Onnx.Reading;
using MilForge.Precision.Debugging;

namespace MilForge.Precision.Tests.Debugging;

/// <summary>debug-precision on an ONNX If: the ops inside the taken branch are compared and keep their subgraph node names.</summary>
public class ControlFlowDebugTests
{
    private static byte[] Model()
    {
        var whenTrue = new OnnxGraphBuilder(13, "then").Initializer("one", Tensor.Scalar(1f)).Output("t", DataType.Float32, null);
        whenTrue.Node("Add", ["x", "one"], ["t"], "/then/Add");
        var whenFalse = new OnnxGraphBuilder(13, "else").Output("e", DataType.Float32, null);
        whenFalse.Node("Mul", ["x", "x"], ["e"], "/else/Mul");
        var g = new OnnxGraphBuilder(13, "if").Input("c", DataType.Bool).Input("x", DataType.Float32, 2, 3).Output("y", DataType.Float32, null);
        g.Node("If", ["c"], ["y"], "/If").Attr("then_branch", whenTrue).Attr("else_branch", whenFalse);
        return g.ToBytes();
    }

    [Fact]
    public void OpsInsideTheTakenBranchAreComparedUnderTheirOnnxNames()
    {
        var subject = PrecisionSubject.FromOnnx(OnnxModel.Parse(Model(), null, "if"), new ConversionOptions());
        var samples = new List<IReadOnlyDictionary<string, Tensor>>
        {
            new Dictionary<string, Tensor> { ["c"] = Tensor.Scalar(true), ["x"] = TestTensors.Uniform(1, [2, 3]) },
        };
        var report = new PrecisionDebugger().Run(subject.Fp32, subject.Shipped.Program, subject.Shipped.Fp32Names, samples);
        var add = Assert.Single(report.Ops, o => o.Origin.NodeName == "/then/Add");
        Assert.Equal(6, add.Elements);
        Assert.NotEqual(OpStatus.NotCompared, add.Status);
        Assert.DoesNotContain(report.Ops, o => o.Origin.NodeName == "/else/Mul" && o.Elements > 0);
        Assert.True(report.Outputs.All(o => o.Comparison.Passed));
    }
}
