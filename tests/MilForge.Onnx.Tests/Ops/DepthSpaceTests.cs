using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>DepthToSpace (DCR default and CRD, opsets 1/11/13) and SpaceToDepth: block sizes 1–3, batches (ONNX Runtime has float kernels only).</summary>
public class DepthSpaceTests
{
    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var (shape, block) in new (int[], long)[] { ([1, 8, 2, 3], 2), ([2, 18, 2, 2], 3), ([1, 4, 3, 1], 1), ([2, 12, 1, 2], 2) })
        {
            var name = $"[{string.Join(",", shape)}] b={block}";
            data.Add(new NodeCase($"{name} default", "DepthToSpace", 13).Attr("blocksize", block).Input("x", TestTensors.Uniform(seed++, shape)).Output("y"));
            foreach (var mode in new[] { "DCR", "CRD" })
            {
                data.Add(new NodeCase($"{name} {mode}", "DepthToSpace", 13).Attr("blocksize", block).Attr("mode", mode).Input("x", TestTensors.Uniform(seed++, shape)).Output("y"));
            }
            var spatial = new[] { shape[0], shape[1] / (int)(block * block), shape[2] * (int)block, shape[3] * (int)block };
            data.Add(new NodeCase($"SpaceToDepth {name}", "SpaceToDepth", 13).Attr("blocksize", block).Input("x", TestTensors.Uniform(seed++, spatial)).Output("y"));
        }
        data.Add(new NodeCase("opset 1", "DepthToSpace", 1).Attr("blocksize", 2L).Input("x", TestTensors.Uniform(seed++, [1, 4, 2, 2])).Output("y"));
        data.Add(new NodeCase("opset 11 CRD", "DepthToSpace", 11).Attr("blocksize", 2L).Attr("mode", "CRD").Input("x", TestTensors.Uniform(seed++, [1, 8, 2, 2])).Output("y"));
        data.Add(new NodeCase("SpaceToDepth opset 1", "SpaceToDepth", 1).Attr("blocksize", 2L).Input("x", TestTensors.Uniform(seed++, [1, 2, 4, 6])).Output("y"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void IndivisibleChannelsAreRejected() =>
        Rejection.Assert(new NodeCase("C=6 b=2", "DepthToSpace", 13).Attr("blocksize", 2L).Input("x", TestTensors.Uniform(1, [1, 6, 2, 2])).Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "divisible");

    [Fact]
    public void Rank3IsRejected() =>
        Rejection.Assert(new NodeCase("rank 3", "SpaceToDepth", 13).Attr("blocksize", 2L).Input("x", TestTensors.Uniform(1, [4, 4, 4])).Output("y"),
            DiagnosticCodes.OnnxBadAttribute, "4-D");
}
