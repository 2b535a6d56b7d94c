using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>Expand: bidirectional broadcasting to a constant shape (higher rank, unit dims in either operand, no-op).</summary>
public class ExpandTests
{
    private static readonly (string Name, int[] X, long[] Shape)[] Expansions =
    [
        ("grow unit dim", [3, 1], [3, 4]),
        ("prepend dims", [4], [2, 3, 4]),
        ("shape has ones", [2, 3], [1, 1]),
        ("shape smaller rank", [2, 1, 3], [4, 1]),
        ("both sides", [1, 3, 1], [2, 1, 5]),
        ("no-op", [2, 3], [2, 3]),
        ("scalar", [], [2, 2]),
        ("to rank 5", [3, 1], [2, 1, 2, 3, 4]),
        ("reshape only", [3], [1, 1, 3]),
        ("empty shape", [2, 3], []),
    ];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var (name, x, shape) in Expansions)
        {
            data.Add(new NodeCase(name, "Expand", 13).Input("x", TestTensors.Uniform(seed++, x)).Constant("shape", TestTensors.LongVector(shape)).Output("y"));
        }
        data.Add(new NodeCase("opset 8", "Expand", 8).Input("x", TestTensors.Uniform(seed++, [3, 1])).Constant("shape", TestTensors.LongVector(2, 3, 2)).Output("y"));
        data.Add(new NodeCase("int64", "Expand", 13).Input("x", TestTensors.LongVector(1, 2)).Constant("shape", TestTensors.LongVector(3, 2))
            .Output("y", DataType.Int64));
        data.Add(new NodeCase("bool", "Expand", 13).Input("x", TestTensors.Bools(seed++, [2, 1])).Constant("shape", TestTensors.LongVector(2, 3))
            .Output("y", DataType.Bool));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void RunTimeShapeIsRejected() =>
        Rejection.Assert(new NodeCase("run-time shape", "Expand", 13).Input("x", TestTensors.Uniform(1, [3, 1])).Input("shape", TestTensors.LongVector(3, 2)).Output("y"),
            DiagnosticCodes.OnnxNotConstant, "shape");

    [Fact]
    public void SymbolicInputIsRejected() =>
        Rejection.Assert(new NodeCase("symbolic x", "Expand", 13).SymbolicInput("x", TestTensors.Uniform(1, [3, 1]), 0)
            .Constant("shape", TestTensors.LongVector(3, 2)).Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "static shape");
}
