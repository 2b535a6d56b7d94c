using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Gather: axes 0, inner and negative, scalar and N-D indices, negative indices (constant and run-time), int32 and
/// int64 indices, ranks 1–5, opsets 1–13.
/// </summary>
public class GatherTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var x = TestTensors.Uniform(1, [4, 5, 6]);
        foreach (var axis in new long[] { 0, 1, 2, -1, -3 })
        {
            var dim = x.Shape[(int)(axis < 0 ? axis + 3 : axis)];
            data.Add(new NodeCase($"axis {axis} constant indices", "Gather", 13).Input("x", x).Constant("i", TestTensors.LongVector(0, dim - 1, -1, -dim, 2))
                .Attr("axis", axis).Output("y"));
            data.Add(new NodeCase($"axis {axis} run-time indices", "Gather", 13).Input("x", x).Input("i", TestTensors.LongVector(0, dim - 1, -1, -dim, 2))
                .Attr("axis", axis).Output("y"));
            data.Add(new NodeCase($"axis {axis} scalar index", "Gather", 13).Input("x", x).Constant("i", Tensor.Scalar(-2L)).Attr("axis", axis).Output("y"));
            data.Add(new NodeCase($"axis {axis} 2-D indices", "Gather", 13).Input("x", x).Input("i", TestTensors.Longs(2, [2, 3], -dim, dim)).Attr("axis", axis)
                .Output("y"));
        }
        data.Add(new NodeCase("run-time scalar index", "Gather", 13).Input("x", x).Input("i", Tensor.Scalar(-1L)).Attr("axis", 1L).Output("y"));
        data.Add(new NodeCase("int32 indices", "Gather", 13).Input("x", x).Input("i", Tensor.Vector(3, -4, 0)).Output("y"));
        data.Add(new NodeCase("constant int32 indices", "Gather", 13).Input("x", x).Constant("i", Tensor.Vector(3, -4, 0)).Attr("axis", 2L).Output("y"));
        foreach (var opset in new[] { 1, 11 })
        {
            data.Add(new NodeCase($"opset {opset}", "Gather", opset).Input("x", x).Constant("i", TestTensors.LongVector(3, 1)).Attr("axis", 1L).Output("y"));
        }
        data.Add(new NodeCase("rank 1 data", "Gather", 13).Input("x", TestTensors.Uniform(3, [7])).Input("i", TestTensors.Longs(4, [3, 2], -7, 7)).Output("y"));
        data.Add(new NodeCase("rank 5 data", "Gather", 13).Input("x", TestTensors.Uniform(5, [2, 3, 2, 4, 2])).Constant("i", TestTensors.LongVector(-1, 0))
            .Attr("axis", 3L).Output("y"));
        data.Add(new NodeCase("empty indices", "Gather", 13).Input("x", x).Constant("i", Tensor.Create(Array.Empty<long>(), 0)).Attr("axis", 1L).Output("y"));
        data.Add(new NodeCase("int64 data (shape chain)", "Gather", 13).Input("x", TestTensors.LongVector(2, 3, 4, 5)).Constant("i", Tensor.Scalar(0L))
            .Output("y", DataType.Int64));
        data.Add(new NodeCase("constant data, run-time indices", "Gather", 13).Constant("x", TestTensors.Uniform(6, [10, 4]))
            .Input("i", TestTensors.Longs(7, [2, 3], -10, 10)).Output("y"));
        data.Add(new NodeCase("symbolic gather axis, constant negative indices", "Gather", 13).SymbolicInput("x", x)
            .Constant("i", TestTensors.LongVector(-1, 0, -5)).Attr("axis", 1L).Output("y"));
        data.Add(new NodeCase("symbolic gather axis, run-time indices", "Gather", 13).SymbolicInput("x", x).Input("i", TestTensors.LongVector(-1, 2))
            .Attr("axis", -1L).Output("y"));
        data.Add(new NodeCase("symbolic batch data", "Gather", 13).SymbolicInput("x", x, 0).Constant("i", TestTensors.LongVector(-1, 1)).Attr("axis", 1L).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    // iOS17's gather ops treat negative indices as out of range, so the converter must make them positive.
    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeOnIos17(NodeCase c) => OnnxOracle.AssertMatches(c, Mil.DeploymentTarget.iOS17);

    [Fact]
    public void OutOfRangeConstantIndexIsRejected() =>
        Rejection.Assert(new NodeCase("index 4 of 4", "Gather", 13).Input("x", TestTensors.Uniform(1, [4])).Constant("i", TestTensors.LongVector(4)).Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "out of range");
}
