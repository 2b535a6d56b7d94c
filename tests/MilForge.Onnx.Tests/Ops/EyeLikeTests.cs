using MilForge.Diagnostics;
using MilForge.Onnx.Reading;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>EyeLike: square and rectangular, k on and off the matrix, dtype attribute (float, int32, int64, double) or the input's.</summary>
public class EyeLikeTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var (shape, k) in new (int[], long)[] { ([4, 4], 0), ([3, 5], 1), ([5, 3], -2), ([4, 4], 3), ([3, 4], 9), ([4, 3], -7) })
        {
            data.Add(new NodeCase($"[{string.Join(",", shape)}] k={k}", "EyeLike", 9).Attr("k", k).Input("x", TestTensors.Uniform(seed++, shape)).Output("y"));
        }
        data.Add(new NodeCase("no k", "EyeLike", 22).Input("x", TestTensors.Uniform(seed++, [2, 3])).Output("y"));
        data.Add(new NodeCase("dtype int32", "EyeLike", 9).Attr("dtype", (long)OnnxDataTypes.Int32).Input("x", TestTensors.Uniform(seed++, [3, 3])).Output("y", DataType.Int32));
        data.Add(new NodeCase("dtype int64", "EyeLike", 9).Attr("dtype", (long)OnnxDataTypes.Int64).Input("x", TestTensors.Uniform(seed++, [3, 2])).Output("y", DataType.Int64));
        data.Add(new NodeCase("dtype double", "EyeLike", 9).Attr("dtype", (long)OnnxDataTypes.Double).Attr("k", 1L).Input("x", TestTensors.Longs(seed++, [2, 4], 0, 5))
            .Output("y", DataType.Float64));
        data.Add(new NodeCase("int64 input", "EyeLike", 9).Input("x", TestTensors.Longs(seed++, [3, 3], 0, 5)).Output("y", DataType.Int64));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void Rank3IsRejected() =>
        Rejection.Assert(new NodeCase("rank 3", "EyeLike", 9).Input("x", TestTensors.Uniform(1, [2, 2, 2])).Output("y"), DiagnosticCodes.OnnxBadAttribute, "2-D");
}
