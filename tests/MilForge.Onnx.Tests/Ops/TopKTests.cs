using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// TopK: k as attribute (opset 1) and constant input (10, 11), every axis, largest 0/1, ties (lower index first),
/// k of 0, 1 and the whole axis, float, int32 and int64 data, symbolic batch; a run-time k is refused.
/// </summary>
public class TopKTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var x = IndexTestData.Distinct(1, [3, 4, 5]);
        var ties = IndexTestData.Ties(2, [3, 4, 6]);
        NodeCase Case(string name, int opset, Tensor input, long k) =>
            (opset < 10 ? new NodeCase(name, "TopK", opset).Input("x", input).Attr("k", k)
                : new NodeCase(name, "TopK", opset).Input("x", input).Constant("k", TestTensors.LongVector(k)));
        foreach (var axis in new long[] { 0, 1, 2, -1, -2 })
        {
            foreach (var largest in new long[] { 0, 1 })
            {
                data.Add(Case($"axis {axis} largest {largest}", 11, x, 2).Attr("axis", axis).Attr("largest", largest).Output("v").Output("i", DataType.Int64));
                data.Add(Case($"ties axis {axis} largest {largest}", 11, ties, 3).Attr("axis", axis).Attr("largest", largest).Output("v").Output("i", DataType.Int64));
            }
        }
        data.Add(Case("default axis", 11, x, 3).Output("v").Output("i", DataType.Int64));
        data.Add(Case("opset 1 attribute k", 1, x, 2).Output("v").Output("i", DataType.Int64));
        data.Add(Case("opset 1 axis 0", 1, x, 2).Attr("axis", 0L).Output("v").Output("i", DataType.Int64));
        data.Add(Case("opset 10 input k", 10, x, 4).Attr("axis", 1L).Output("v").Output("i", DataType.Int64));
        data.Add(Case("opset 10 ties", 10, ties, 4).Output("v").Output("i", DataType.Int64));
        data.Add(Case("k 1", 11, x, 1).Output("v").Output("i", DataType.Int64));
        data.Add(Case("k 0", 11, x, 0).Output("v").Output("i", DataType.Int64));
        data.Add(Case("k is the whole axis", 11, ties, 6).Output("v").Output("i", DataType.Int64));
        data.Add(Case("k is the whole axis, smallest", 11, ties, 6).Attr("largest", 0L).Output("v").Output("i", DataType.Int64));
        data.Add(Case("all equal", 11, TestTensors.Floats([2, 4], 1, 1, 1, 1, 3, 3, 3, 3), 3).Output("v").Output("i", DataType.Int64));
        data.Add(Case("sorted 1 explicit", 11, x, 3).Attr("sorted", 1L).Output("v").Output("i", DataType.Int64));
        data.Add(Case("int32 data", 11, IndexTestData.DistinctIntegers(3, [4, 6], DataType.Int32), 3).Output("v", DataType.Int32).Output("i", DataType.Int64));
        data.Add(Case("int64 data smallest", 11, IndexTestData.DistinctIntegers(4, [4, 6], DataType.Int64), 2).Attr("largest", 0L)
            .Output("v", DataType.Int64).Output("i", DataType.Int64));
        data.Add(Case("int64 ties", 11, TestTensors.Longs(5, [3, 7], -2, 2), 4).Output("v", DataType.Int64).Output("i", DataType.Int64));
        data.Add(Case("rank 1", 11, IndexTestData.Distinct(6, [9]), 4).Output("v").Output("i", DataType.Int64));
        data.Add(Case("rank 4", 11, IndexTestData.Distinct(7, [2, 3, 4, 5]), 2).Attr("axis", 1L).Output("v").Output("i", DataType.Int64));
        data.Add(Case("infinities", 11, TestTensors.Floats([2, 3], float.NegativeInfinity, 0, float.PositiveInfinity, 1, float.NegativeInfinity, 1), 2)
            .Output("v").Output("i", DataType.Int64));
        data.Add(new NodeCase("symbolic batch input", "TopK", 11).SymbolicInput("x", x, 0).Constant("k", TestTensors.LongVector(3)).Output("v").Output("i", DataType.Int64));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    // iOS15's topk has no sort/return_indices inputs: the converter must not depend on them.
    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeOnIos15(NodeCase c) => OnnxOracle.AssertMatches(c, Mil.DeploymentTarget.iOS15);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => OnnxOracle.AssertMatchesFp16(c);

    [Fact]
    public void RunTimeKIsRejected() =>
        Rejection.Assert(new NodeCase("run-time k", "TopK", 11).Input("x", IndexTestData.Distinct(1, [2, 3])).Input("k", TestTensors.LongVector(2))
            .Output("v").Output("i", DataType.Int64), DiagnosticCodes.OnnxNotConstant, "K");

    [Fact]
    public void KBeyondTheAxisIsRejected() =>
        Rejection.Assert(new NodeCase("k 4 of 3", "TopK", 11).Input("x", IndexTestData.Distinct(1, [2, 3])).Constant("k", TestTensors.LongVector(4))
            .Output("v").Output("i", DataType.Int64), DiagnosticCodes.OnnxBadAttribute, "outside");
}
