using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// GatherND: whole-element and slice tuples, ranks 1–4 of indices, negative indices (constant and run-time, also on
/// iOS17), batch_dims 1 and 2 (opset 12, 13), float, int32 and int64 data, opsets 11–13; out-of-range constants are refused.
/// </summary>
public class GatherNDTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var x = TestTensors.Uniform(1, [3, 4, 5]);
        foreach (var constant in new[] { true, false })
        {
            NodeCase Case(string name, int opset, Tensor input, Tensor indices)
            {
                var c = new NodeCase($"{name} ({(constant ? "constant" : "run-time")} indices)", "GatherND", opset).Input("x", input);
                return constant ? c.Constant("i", indices) : c.Input("i", indices);
            }
            data.Add(Case("full tuples", 13, x, Tensor.Create(new long[] { 0, 1, 2, 2, 3, 4, -1, -2, -3 }, 3, 3)).Output("y"));
            data.Add(Case("pairs pick rows", 13, x, Tensor.Create(new long[] { 0, 0, 2, -1, 1, 3, -3, 0 }, 2, 2, 2)).Output("y"));
            data.Add(Case("single index picks a matrix", 13, x, Tensor.Create(new long[] { 2, -1, 0 }, 3, 1)).Output("y"));
            data.Add(Case("rank 4 indices", 13, x, TestTensors.Longs(2, [2, 2, 1, 2], -3, 3)).Output("y"));
            data.Add(Case("batch_dims 1", 12, x, TestTensors.Longs(3, [3, 2, 1], -4, 4)).Attr("batch_dims", 1L).Output("y"));
            data.Add(Case("batch_dims 1 full tuples", 13, x, TestTensors.Longs(4, [3, 2], -4, 4)).Attr("batch_dims", 1L).Output("y"));
            data.Add(Case("batch_dims 2", 13, x, TestTensors.Longs(5, [3, 4, 2, 1], -5, 5)).Attr("batch_dims", 2L).Output("y"));
            data.Add(Case("int32 data", 13, Tensor.Create(new[] { 1, 2, 3, 4, 5, 6 }, 2, 3), Tensor.Create(new long[] { 1, -1, 0, 0 }, 2, 2)).Output("y", DataType.Int32));
            data.Add(Case("int64 data", 13, TestTensors.Longs(6, [2, 3], -9, 9), Tensor.Create(new long[] { -1, 0 }, 2, 1)).Output("y", DataType.Int64));
            foreach (var opset in new[] { 11, 12 })
            {
                data.Add(Case($"opset {opset}", opset, x, Tensor.Create(new long[] { 1, 2, 0, 3 }, 2, 2)).Output("y"));
            }
        }
        data.Add(new NodeCase("symbolic batch of indices", "GatherND", 13).Input("x", x).SymbolicInput("i", TestTensors.Longs(7, [4, 2], -3, 3), 0).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeOnIos17(NodeCase c) => OnnxOracle.AssertMatches(c, Mil.DeploymentTarget.iOS17);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => OnnxOracle.AssertMatchesFp16(c);

    [Fact]
    public void OutOfRangeConstantIndexIsRejected() =>
        Rejection.Assert(new NodeCase("index 3 of 3", "GatherND", 13).Input("x", TestTensors.Uniform(1, [3, 2])).Constant("i", Tensor.Create(new long[] { 3 }, 1, 1))
            .Output("y"), DiagnosticCodes.OnnxBadAttribute, "out of range");
}
