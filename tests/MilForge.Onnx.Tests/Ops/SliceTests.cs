using MilForge.Diagnostics;

namespace MilForge.Onnx.Tests.Ops;

/// <summary>
/// Slice: attributes (opset 1) and inputs (10+, steps), negative starts/ends, negative steps, INT64_MAX/MIN ends,
/// out-of-range clamping, axes subsets and negative axes (11+), empty results, static and symbolic dims.
/// </summary>
public class SliceTests
{
    private const long Max = long.MaxValue, Min = long.MinValue;

    // (name, starts, ends, axes, steps) on x [4, 5, 6].
    private static readonly (string Name, long[] Starts, long[] Ends, long[]? Axes, long[]? Steps)[] Slices =
    [
        ("basic", [1, 0], [3, 4], null, null),
        ("all axes", [0, 1, 2], [4, 4, 5], null, null),
        ("axes subset", [1], [5], [2], null),
        ("unordered axes", [2, 1], [4, 3], [2, 0], null),
        ("negative starts and ends", [-3, -4], [-1, -1], [1, 2], null),
        ("INT64_MAX end", [2], [Max], [1], null),
        ("INT32 max end", [1], [int.MaxValue], [2], null),
        ("out of range clamp", [-100, 2], [100, 1000], [0, 2], null),
        ("empty result", [3], [1], [1], null),
        ("start equals dim", [5], [Max], [1], null),
        ("step 2", [0, 1], [Max, 6], [1, 2], [2, 2]),
        ("step 3 uneven", [1], [6], [2], [3]),
        ("step -1 full reverse", [-1], [Min], [1], [-1]),
        ("step -1 INT64_MAX start", [Max], [Min], [2], [-1]),
        ("step -2", [5, 3], [0, Min], [2, 0], [-2, -2]),
        ("negative step to -dim-1", [4], [-6], [1], [-1]),
        ("negative step partial", [-2], [1], [2], [-1]),
        ("negative step empty", [1], [3], [0], [-1]),
        ("negative step start past end", [100], [-100], [0], [-3]),
        ("negative axes", [1, -3], [3, -1], [-1, -2], null),
        ("mixed steps", [0, -1, 1], [Max, Min, 5], [0, 1, 2], [3, -2, 2]),
    ];

    public static TheoryData<NodeCase> Cases()
    {
        var data = new TheoryData<NodeCase>();
        var x = TestTensors.Uniform(1, [4, 5, 6]);
        foreach (var (name, starts, ends, axes, steps) in Slices)
        {
            data.Add(Inputs(new NodeCase(name, "Slice", 13).Input("x", x), starts, ends, axes, steps));
            data.Add(Inputs(new NodeCase($"{name}, symbolic dims", "Slice", 13).SymbolicInput("x", x), starts, ends, axes, steps));
        }
        foreach (var opset in new[] { 10, 11 })
        {
            data.Add(Inputs(new NodeCase($"opset {opset}", "Slice", opset).Input("x", x), [1, -4], [Max, -1], [2, 1], [2, 1]));
        }
        data.Add(new NodeCase("attributes opset 1", "Slice", 1).Input("x", x).Attr("starts", [1L, 0L]).Attr("ends", [3L, -1L]).Output("y"));
        data.Add(new NodeCase("attributes with axes", "Slice", 1).Input("x", x).Attr("starts", [-2L]).Attr("ends", [Max]).Attr("axes", [2L]).Output("y"));
        data.Add(new NodeCase("attributes clamp", "Slice", 1).Input("x", x).Attr("starts", [-100L, 1L]).Attr("ends", [100L, 2L]).Attr("axes", [0L, 1L]).Output("y"));
        data.Add(new NodeCase("int32 indices", "Slice", 13).Input("x", x).Constant("starts", Tensor.Vector(1)).Constant("ends", Tensor.Vector(-1)).Output("y"));
        data.Add(Inputs(new NodeCase("rank 1", "Slice", 13).Input("x", TestTensors.Uniform(2, [9])), [-7], [Max], null, [3]));
        data.Add(Inputs(new NodeCase("rank 5", "Slice", 13).Input("x", TestTensors.Uniform(3, [2, 3, 4, 3, 2])), [1, 0, -1], [2, 3, Min], [0, 2, 3], [1, 2, -1]));
        data.Add(Inputs(new NodeCase("int64 data", "Slice", 13).Input("x", TestTensors.Longs(4, [6], -9, 9)), [-1], [0], null, [-2], DataType.Int64));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesOnnxRuntime(NodeCase c) => OnnxOracle.AssertMatches(c);

    [Fact]
    public void RunTimeStartsAreRejected() =>
        Rejection.Assert(new NodeCase("run-time starts", "Slice", 13).Input("x", TestTensors.Uniform(1, [4])).Input("starts", TestTensors.LongVector(1))
            .Constant("ends", TestTensors.LongVector(3)).Output("y"), DiagnosticCodes.OnnxNotConstant, "starts");

    [Fact]
    public void ZeroStepIsRejected() =>
        Rejection.Assert(Inputs(new NodeCase("step 0", "Slice", 13).Input("x", TestTensors.Uniform(1, [4])), [0], [3], null, [0]),
            DiagnosticCodes.OnnxBadAttribute, "step 0");

    private static NodeCase Inputs(NodeCase c, long[] starts, long[] ends, long[]? axes, long[]? steps, DataType type = DataType.Float32)
    {
        c = c.Constant("starts", TestTensors.LongVector(starts)).Constant("ends", TestTensors.LongVector(ends));
        if (axes is not null || steps is not null)
        {
            c = c.Constant("axes", TestTensors.LongVector(axes ?? [.. Enumerable.Range(0, starts.Length).Select(i => (long)i)]));
        }
        if (steps is not null)
        {
            c = c.Constant("steps", TestTensors.LongVector(steps));
        }
        return c.Output("y", type);
    }
}
