using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>CenterCropPad: crop, pad, both, odd differences, axes subsets (negative), int data cropped.</summary>
public class CenterCropPadTests
{
    private static readonly (string Name, int[] X, long[] Shape, long[]? Axes)[] Layouts =
    [
        ("crop", [20, 10, 3], [10, 7, 3], null),
        ("pad", [10, 7, 3], [20, 10, 3], null),
        ("crop and pad", [20, 8, 3], [10, 10, 3], null),
        ("odd differences", [7, 4], [4, 9], null),
        ("axes chw", [3, 20, 8], [10, 9], [1, 2]),
        ("negative axes", [20, 8, 3], [9, 11], [-3, -2]),
        ("same size", [4, 5], [4, 5], null),
    ];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var seed = 1;
        foreach (var (name, x, shape, axes) in Layouts)
        {
            var c = new NodeCase(name, "CenterCropPad", 18).Input("x", TestTensors.Uniform(seed++, x)).Constant("shape", TestTensors.LongVector(shape));
            data.Add((axes is null ? c : c.Attr("axes", axes)).Output("y"));
        }
        data.Add(new NodeCase("int64 crop", "CenterCropPad", 18).Input("x", TestTensors.Longs(seed++, [6, 5], -9, 9)).Constant("shape", TestTensors.LongVector(3, 2))
            .Output("y", DataType.Int64));
        data.Add(new NodeCase("float16", "CenterCropPad", 18).Input("x", TestTensors.Uniform(seed++, [5, 6]).CastTo(DataType.Float16))
            .Constant("shape", TestTensors.LongVector(8, 3)).Output("y", DataType.Float16));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void RunTimeShapeIsRejected() =>
        Rejection.Assert(new NodeCase("run-time shape", "CenterCropPad", 18).Input("x", TestTensors.Uniform(1, [4, 4])).Input("shape", TestTensors.LongVector(2, 2)).Output("y"),
            DiagnosticCodes.OnnxNotConstant, "shape");

    [Fact]
    public void IntegerPaddingIsRejected() =>
        Rejection.Assert(new NodeCase("int pad", "CenterCropPad", 18).Input("x", TestTensors.Longs(1, [2, 2], 0, 9)).Constant("shape", TestTensors.LongVector(4, 4)).Output("y", DataType.Int64),
            DiagnosticCodes.OnnxBadAttribute, "fp16/fp32");
}
