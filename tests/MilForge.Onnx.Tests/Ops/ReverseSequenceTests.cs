using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// ReverseSequence (10): time-major (default axes) and batch-major, rank 2–4, lengths 0 to the full sequence, constant
/// and run-time lengths, float, int64 and bool data, symbolic dims, in FP32 and FP16; bad axes and constant lengths
/// past the sequence are refused.
/// </summary>
public class ReverseSequenceTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        data.Add(new NodeCase("time-major defaults", "ReverseSequence", 10).Input("x", TestTensors.Uniform(1, [4, 4]))
            .Constant("sequence_lens", TestTensors.LongVector(4, 3, 2, 1)).Output("y"));
        data.Add(new NodeCase("batch-major", "ReverseSequence", 10).Input("x", TestTensors.Uniform(2, [4, 4]))
            .Constant("sequence_lens", TestTensors.LongVector(1, 2, 3, 4)).Attr("batch_axis", 0L).Attr("time_axis", 1L).Output("y"));
        data.Add(new NodeCase("rank 3 with zero and full lengths", "ReverseSequence", 10).Input("x", TestTensors.Uniform(3, [5, 3, 2]))
            .Constant("sequence_lens", TestTensors.LongVector(5, 0, 2)).Output("y"));
        data.Add(new NodeCase("rank 4 batch-major", "ReverseSequence", 10).Input("x", TestTensors.Uniform(4, [2, 6, 3, 2]))
            .Constant("sequence_lens", TestTensors.LongVector(6, 1)).Attr("batch_axis", 0L).Attr("time_axis", 1L).Output("y"));
        data.Add(new NodeCase("run-time lengths", "ReverseSequence", 10).Input("x", TestTensors.Uniform(5, [3, 4, 2]))
            .Input("sequence_lens", TestTensors.LongVector(2, 3, 0, 1)).Output("y"));
        data.Add(new NodeCase("int64 data", "ReverseSequence", 10).Input("x", TestTensors.Longs(6, [3, 2], -100, 100))
            .Constant("sequence_lens", TestTensors.LongVector(3, 2)).Output("y", DataType.Int64));
        data.Add(new NodeCase("bool data", "ReverseSequence", 10).Input("x", TestTensors.Bools(7, [2, 4]))
            .Constant("sequence_lens", TestTensors.LongVector(2, 1)).Attr("batch_axis", 0L).Attr("time_axis", 1L).Output("y", DataType.Bool));
        data.Add(new NodeCase("symbolic dims", "ReverseSequence", 10).SymbolicInput("x", TestTensors.Uniform(8, [5, 3, 2]))
            .Input("sequence_lens", TestTensors.LongVector(4, 5, 1)).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => OnnxOracle.AssertMatchesFp16(c);

    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(1L, 2L)]
    public void BadAxesAreRejected(long batchAxis, long timeAxis) =>
        Rejection.Assert(new NodeCase("bad axes", "ReverseSequence", 10).Input("x", TestTensors.Uniform(1, [3, 3, 3]))
            .Constant("sequence_lens", TestTensors.LongVector(1, 2, 3)).Attr("batch_axis", batchAxis).Attr("time_axis", timeAxis).Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "must be 0 and 1");

    [Fact]
    public void ConstantLengthPastTheSequenceIsRejected() =>
        Rejection.Assert(new NodeCase("too long", "ReverseSequence", 10).Input("x", TestTensors.Uniform(1, [3, 2]))
            .Constant("sequence_lens", TestTensors.LongVector(1, 4)).Output("y"), DiagnosticCodes.OnnxBadAttribute, "outside [0, 3]");
}
