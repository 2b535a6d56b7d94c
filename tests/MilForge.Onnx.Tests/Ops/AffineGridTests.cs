using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// AffineGrid (20): 2-D and 3-D, align_corners 0 and 1, batches, non-square sizes and single-point dims, theta as a
/// graph input or a constant, in FP32 and FP16; a run-time size, a theta that does not fit the size and align_corners
/// with a single-point dim are refused.
/// </summary>
public class AffineGridTests
{
    private static readonly (string Name, long[] Size)[] Sizes =
    [
        ("2-D", [2, 3, 4, 5]),
        ("2-D square", [1, 1, 3, 3]),
        ("2-D one row", [2, 1, 1, 6]),
        ("3-D", [2, 2, 3, 4, 5]),
        ("3-D one slice", [1, 1, 1, 2, 3]),
    ];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var alignCorners in new[] { 0L, 1L })
        {
            foreach (var (name, size) in Sizes.Where(s => alignCorners == 0 || !s.Size.Skip(2).Contains(1)))
            {
                var k = size.Length - 2;
                data.Add(new NodeCase($"{name} align_corners {alignCorners}", "AffineGrid", 20)
                    .Input("theta", TestTensors.Uniform(seed++, [(int)size[0], k, k + 1], -2, 2)).Constant("size", TestTensors.LongVector(size))
                    .Attr("align_corners", alignCorners).Output("grid"));
            }
        }
        data.Add(new NodeCase("default align_corners, constant theta", "AffineGrid", 20)
            .Constant("theta", TestTensors.Uniform(seed++, [1, 2, 3])).Constant("size", TestTensors.LongVector(1, 3, 4, 4)).Output("grid"));
        data.Add(new NodeCase("symbolic batch", "AffineGrid", 20).SymbolicInput("theta", TestTensors.Uniform(seed++, [3, 2, 3]), 0)
            .Constant("size", TestTensors.LongVector(3, 1, 2, 5)).Output("grid"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntimeInFp16(NodeCase c) => OnnxOracle.AssertMatchesFp16(c);

    [Fact]
    public void AlignedSinglePointIsRejected() =>
        Rejection.Assert(new NodeCase("one row aligned", "AffineGrid", 20).Input("theta", TestTensors.Uniform(1, [1, 2, 3]))
            .Constant("size", TestTensors.LongVector(1, 1, 1, 4)).Attr("align_corners", 1L).Output("grid"), DiagnosticCodes.OnnxBadAttribute, "ambiguous");

    [Fact]
    public void RunTimeSizeIsRejected() =>
        Rejection.Assert(new NodeCase("run-time size", "AffineGrid", 20).Input("theta", TestTensors.Uniform(1, [1, 2, 3]))
            .Input("size", TestTensors.LongVector(1, 1, 3, 3)).Output("grid"), DiagnosticCodes.OnnxNotConstant, "size");

    [Fact]
    public void ThetaThatDoesNotFitTheSizeIsRejected() =>
        Rejection.Assert(new NodeCase("2-D theta, 3-D size", "AffineGrid", 20).Input("theta", TestTensors.Uniform(1, [1, 2, 3]))
            .Constant("size", TestTensors.LongVector(1, 1, 2, 3, 3)).Output("grid"), DiagnosticCodes.OnnxBadAttribute, "theta");
}
