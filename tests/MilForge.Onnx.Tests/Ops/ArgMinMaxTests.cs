using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// ArgMax and ArgMin: every axis (negative too), keepdims 0/1, select_last_index 0/1 on rows with ties, float, int32
/// and int64 data, ranks 1–4, symbolic batch, opsets 1, 11, 12 and 13; int64 indices arrive as int32.
/// </summary>
public class ArgMinMaxTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var x = IndexTestData.Distinct(1, [3, 4, 5]);
        var ties = IndexTestData.Ties(2, [3, 4, 5]);
        foreach (var op in new[] { "ArgMax", "ArgMin" })
        {
            data.Add(new NodeCase("default axis and keepdims", op, 13).Input("x", x).Output("y", DataType.Int64));
            foreach (var axis in new long[] { 0, 1, 2, -1, -3 })
            {
                foreach (var keep in new long[] { 0, 1 })
                {
                    data.Add(new NodeCase($"axis {axis} keepdims {keep}", op, 13).Input("x", x).Attr("axis", axis).Attr("keepdims", keep).Output("y", DataType.Int64));
                }
                foreach (var last in new long[] { 0, 1 })
                {
                    data.Add(new NodeCase($"ties axis {axis} select_last_index {last}", op, 13).Input("x", ties).Attr("axis", axis)
                        .Attr("select_last_index", last).Output("y", DataType.Int64));
                }
            }
            data.Add(new NodeCase("select_last_index keepdims 0", op, 12).Input("x", ties).Attr("axis", 1L).Attr("keepdims", 0L)
                .Attr("select_last_index", 1L).Output("y", DataType.Int64));
            data.Add(new NodeCase("select_last_index on distinct values", op, 13).Input("x", x).Attr("axis", 2L).Attr("select_last_index", 1L)
                .Output("y", DataType.Int64));
            data.Add(new NodeCase("all equal, last index", op, 13).Input("x", TestTensors.Floats([2, 3], 1, 1, 1, 2, 2, 2)).Attr("axis", 1L)
                .Attr("select_last_index", 1L).Output("y", DataType.Int64));
            data.Add(new NodeCase("all equal, first index", op, 13).Input("x", TestTensors.Floats([2, 3], 1, 1, 1, 2, 2, 2)).Attr("axis", 1L)
                .Output("y", DataType.Int64));
            foreach (var opset in new[] { 1, 11, 12 })
            {
                data.Add(new NodeCase($"opset {opset}", op, opset).Input("x", x).Attr("axis", 1L).Output("y", DataType.Int64));
            }
            data.Add(new NodeCase("int32 data", op, 13).Input("x", IndexTestData.DistinctIntegers(3, [4, 6], DataType.Int32)).Attr("axis", 1L)
                .Output("y", DataType.Int64));
            data.Add(new NodeCase("int64 data", op, 13).Input("x", IndexTestData.DistinctIntegers(4, [4, 6], DataType.Int64)).Attr("axis", 0L)
                .Output("y", DataType.Int64));
            data.Add(new NodeCase("int64 data with ties, last index", op, 13).Input("x", TestTensors.Longs(5, [4, 6], -2, 2)).Attr("axis", 1L)
                .Attr("select_last_index", 1L).Output("y", DataType.Int64));
            data.Add(new NodeCase("rank 1", op, 13).Input("x", IndexTestData.Distinct(6, [9])).Output("y", DataType.Int64));
            data.Add(new NodeCase("rank 1 keepdims 0", op, 13).Input("x", IndexTestData.Distinct(6, [9])).Attr("keepdims", 0L).Output("y", DataType.Int64));
            data.Add(new NodeCase("rank 4", op, 13).Input("x", IndexTestData.Distinct(7, [2, 3, 4, 5])).Attr("axis", -2L).Output("y", DataType.Int64));
            data.Add(new NodeCase("length-1 axis", op, 13).Input("x", IndexTestData.Distinct(8, [3, 1, 4])).Attr("axis", 1L)
                .Attr("select_last_index", 1L).Output("y", DataType.Int64));
            data.Add(new NodeCase("infinities", op, 13).Input("x", TestTensors.Floats([2, 3], float.NegativeInfinity, 0, float.PositiveInfinity, 1, float.NegativeInfinity, 1))
                .Attr("axis", 1L).Output("y", DataType.Int64));
            data.Add(new NodeCase("symbolic batch", op, 13).SymbolicInput("x", x, 0).Attr("axis", 2L).Output("y", DataType.Int64));
            data.Add(new NodeCase("symbolic batch, last index", op, 13).SymbolicInput("x", ties, 0).Attr("axis", -1L).Attr("select_last_index", 1L)
                .Output("y", DataType.Int64));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => OnnxOracle.AssertMatchesFp16(c);

    [Fact]
    public void LastIndexOnASymbolicAxisIsRejected() =>
        Rejection.Assert(new NodeCase("symbolic axis", "ArgMax", 13).SymbolicInput("x", IndexTestData.Distinct(1, [2, 3]), 1).Attr("axis", 1L)
            .Attr("select_last_index", 1L).Output("y", DataType.Int64), DiagnosticCodes.OnnxBadAttribute, "static length");

    [Fact]
    public void OutOfRangeAxisIsRejected() =>
        Rejection.Assert(new NodeCase("axis 2 of rank 2", "ArgMin", 13).Input("x", IndexTestData.Distinct(1, [2, 3])).Attr("axis", 2L)
            .Output("y", DataType.Int64), DiagnosticCodes.OnnxBadAttribute, "out of range");
}
