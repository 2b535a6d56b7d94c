using MilForge.Diagnostics;
using MilForge.Onnx.Reading;
using MilForge.Precision;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Squeeze and Unsqueeze: axes as an attribute (opsets 1/11, negative from 11) and as an input (13, 21), all unit
/// dims when Squeeze has no axes, several and unsorted axes, scalars.
/// </summary>
public class SqueezeUnsqueezeTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var x = TestTensors.Uniform(1, [1, 3, 1, 4, 1]);
        foreach (var (name, axes) in new (string, long[])[] { ("one axis", [0]), ("two axes", [2, 0]), ("negative", [-1, -3]), ("all", [0, 2, 4]) })
        {
            if (axes.All(a => a >= 0))
            {
                data.Add(new NodeCase($"{name} attr opset 1", "Squeeze", 1).Input("x", x).Attr("axes", axes).Output("y"));
            }
            data.Add(new NodeCase($"{name} attr opset 11", "Squeeze", 11).Input("x", x).Attr("axes", axes).Output("y"));
            data.Add(new NodeCase($"{name} input opset 13", "Squeeze", 13).Input("x", x).Constant("axes", TestTensors.LongVector(axes)).Output("y"));
            data.Add(new NodeCase($"{name} input opset 21", "Squeeze", 21).Input("x", x).Constant("axes", TestTensors.LongVector(axes)).Output("y"));
        }
        foreach (var opset in new[] { 1, 11, 13, 21 })
        {
            data.Add(new NodeCase("no axes", "Squeeze", opset).Input("x", x).Output("y"));
        }
        data.Add(new NodeCase("to scalar", "Squeeze", 13).Input("x", TestTensors.Floats([1, 1], 3)).Output("y"));
        data.Add(new NodeCase("nothing to squeeze", "Squeeze", 13).Input("x", TestTensors.Uniform(2, [2, 3])).Output("y"));
        data.Add(new NodeCase("int64", "Squeeze", 13).Input("x", TestTensors.Longs(3, [2, 1], -5, 5)).Constant("axes", TestTensors.LongVector(1))
            .Output("y", DataType.Int64));
        data.Add(new NodeCase("no axes, symbolic dims", "Squeeze", 13).SymbolicInput("x", x, 1, 3).Output("y"));
        data.Add(new NodeCase("symbolic batch", "Squeeze", 13).SymbolicInput("x", TestTensors.Uniform(4, [2, 1, 3]), 0)
            .Constant("axes", TestTensors.LongVector(1)).Output("y"));
        var u = TestTensors.Uniform(5, [3, 4]);
        var unsqueezes = new (string, long[])[]
        {
            ("front", [0]), ("back", [2]), ("middle", [1]), ("several unsorted", [3, 0]), ("negative", [-1]), ("negative several", [-1, 1, -5]),
        };
        foreach (var (name, axes) in unsqueezes)
        {
            if (axes.All(a => a >= 0))
            {
                data.Add(new NodeCase($"{name} attr opset 1", "Unsqueeze", 1).Input("x", u).Attr("axes", axes).Output("y"));
            }
            data.Add(new NodeCase($"{name} attr opset 11", "Unsqueeze", 11).Input("x", u).Attr("axes", axes).Output("y"));
            data.Add(new NodeCase($"{name} input opset 13", "Unsqueeze", 13).Input("x", u).Constant("axes", TestTensors.LongVector(axes)).Output("y"));
            data.Add(new NodeCase($"{name} input opset 21", "Unsqueeze", 21).Input("x", u).Constant("axes", TestTensors.LongVector(axes)).Output("y"));
        }
        data.Add(new NodeCase("scalar", "Unsqueeze", 13).Input("x", Tensor.Scalar(2f)).Constant("axes", TestTensors.LongVector(0)).Output("y"));
        data.Add(new NodeCase("scalar two axes", "Unsqueeze", 13).Input("x", Tensor.Scalar(2f)).Constant("axes", TestTensors.LongVector(1, 0)).Output("y"));
        data.Add(new NodeCase("to rank 5", "Unsqueeze", 13).Input("x", TestTensors.Uniform(6, [2, 3])).Constant("axes", TestTensors.LongVector(0, 2, 4)).Output("y"));
        data.Add(new NodeCase("int64", "Unsqueeze", 13).Input("x", TestTensors.LongVector(4, 5)).Constant("axes", TestTensors.LongVector(0)).Output("y", DataType.Int64));
        data.Add(new NodeCase("symbolic", "Unsqueeze", 13).SymbolicInput("x", TestTensors.Uniform(7, [2, 3])).Constant("axes", TestTensors.LongVector(1)).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void SqueezeWithoutAxesKeepsSymbolicDimsWithAWarning()
    {
        // ONNX drops a symbolic dim that is 1 at run time; a Core ML program needs its output rank up front.
        var c = new NodeCase("symbolic unit dim", "Squeeze", 13).SymbolicInput("x", TestTensors.Uniform(1, [1, 3, 1, 4, 1]), 2).Output("y");
        var import = OnnxConversion.Import(OnnxModel.Parse(c.ModelBytes(), null, c.ToString()));
        var warning = Assert.Single(import.Diagnostics, d => d.Severity == Severity.Warning && d.Code == DiagnosticCodes.OnnxBadAttribute);
        Assert.Contains("keeps the symbolic dims 2", warning.Message, StringComparison.Ordinal);
        Assert.Equal("(3, x_d2, 4)", import.Program.Main.Body.Outputs[0].TensorType.Shape.ToString());
    }

    [Fact]
    public void RunTimeAxesAreRejected() =>
        Rejection.Assert(new NodeCase("run-time axes", "Unsqueeze", 13).Input("x", TestTensors.Uniform(1, [2])).Input("axes", TestTensors.LongVector(0)).Output("y"),
            DiagnosticCodes.OnnxNotConstant, "axes");

    [Fact]
    public void OutOfRangeAxisIsRejected() =>
        Rejection.Assert(new NodeCase("axis 3 of rank 2", "Squeeze", 13).Input("x", TestTensors.Uniform(1, [1, 2])).Constant("axes", TestTensors.LongVector(3))
            .Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "out of range");
}
