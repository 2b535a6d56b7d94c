using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Precision.Inputs;
using MilForge.Precision.Static;

namespace MilForge.Precision.Tests.Static;

/// <summary>
/// Each transfer function on one op: the bound is the exact image of the input interval where the function is exact
/// (up to the 2⁻²⁰ rounding allowance), and the op's samples at the range's ends stay inside it.
/// </summary>
public class TransferFunctionTests
{
    private sealed record Case(string Name, int[] Shape, double Low, double High, Func<MilBuilder, Value, Value> Build, double ExpectedLow, double ExpectedHigh);

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    private static readonly Case[] Cases =
    [
        new("space_to_batch pads with zeros", [1, 1, 2, 2], 1, 2, (b, x) => b.Single("space_to_batch", new() { { "x", x }, { "block_shape", Tensor.Create(new[] { 2, 2 }, 2) }, { "paddings", Tensor.Create(new[] { 1, 1, 1, 1 }, 2, 2) } }), 0, 2),
        new("relu", [2, 6], -2, 3, (b, x) => b.Single("relu", new() { { "x", x } }), 0, 3),
        new("sigmoid", [2, 6], -1, 2, (b, x) => b.Single("sigmoid", new() { { "x", x } }), Sigmoid(-1), Sigmoid(2)),
        new("tanh", [2, 6], -1, 2, (b, x) => b.Single("tanh", new() { { "x", x } }), Math.Tanh(-1), Math.Tanh(2)),
        new("exp", [2, 6], 0, 2, (b, x) => b.Single("exp", new() { { "x", x } }), 1, Math.Exp(2)),
        new("abs", [2, 6], -3, 2, (b, x) => b.Single("abs", new() { { "x", x } }), 0, 3),
        new("square one-signed", [2, 6], 1, 2, (b, x) => b.Single("square", new() { { "x", x } }), 1, 4),
        new("x·x", [2, 6], -3, 2, (b, x) => b.Single("mul", new() { { "x", x }, { "y", x } }), 0, 9),
        new("silu through its minimum", [2, 6], -3, 1, (b, x) => b.Single("silu", new() { { "x", x } }), -0.27846454276107380, Sigmoid(1)),
        new("clip", [2, 6], -2, 0.5, (b, x) => b.Single("clip", new() { { "x", x }, { "alpha", 0f }, { "beta", 1f } }), 0, 0.5),
        new("leaky_relu", [2, 6], -2, 3, (b, x) => b.Single("leaky_relu", new() { { "x", x }, { "alpha", 0.1f } }), -0.2, 3),
        new("sin through a maximum", [2, 6], 0, 3, (b, x) => b.Single("sin", new() { { "x", x } }), 0, 1),
        new("cos", [2, 6], 0, 2, (b, x) => b.Single("cos", new() { { "x", x } }), Math.Cos(2), 1),
        new("log", [2, 6], 1, Math.E, (b, x) => b.Single("log", new() { { "x", x }, { "epsilon", 0f } }), 0, 1),
        new("rsqrt", [2, 6], 4, 16, (b, x) => b.Single("rsqrt", new() { { "x", x }, { "epsilon", 0f } }), 0.25, 0.5),
        new("constant minus x (swapped ends)", [2, 6], 1, 2, (b, x) => b.Single("sub", new() { { "x", 5f }, { "y", x } }), 3, 4),
        new("mul by a negative", [2, 6], 1, 3, (b, x) => b.Single("mul", new() { { "x", x }, { "y", -2f } }), -6, -2),
        new("mul by mixed signs", [1, 2], -1, 3, (b, x) => b.Single("mul", new() { { "x", x }, { "y", Tensor.Create([-1f, 2f], 1, 2) } }), -3, 6),
        new("division", [2, 6], 2, 4, (b, x) => b.Single("real_div", new() { { "x", 1f }, { "y", x } }), 0.25, 0.5),
        new("pow 3", [2, 6], -3, 2, (b, x) => b.Single("pow", new() { { "x", x }, { "y", 3f } }), -27, 8),
        new("pow 0.5", [2, 6], 1, 4, (b, x) => b.Single("pow", new() { { "x", x }, { "y", 0.5f } }), 1, 2),
        new("linear per channel", [1, 2], -1, 2, (b, x) => b.Single("linear", new() { { "x", x }, { "weight", Tensor.Create([1f, -2f, 3f, 4f], 2, 2) }, { "bias", Tensor.Create([0.5f, -1f], 2) } }), -8, 13),
        new("matmul by a constant", [1, 2], -1, 2, (b, x) => b.Single("matmul", new() { { "x", x }, { "y", Tensor.Create([1f, 3f, -2f, 4f], 2, 2) } }), -7, 14),
        new("conv with padding sees 0", [1, 1, 4], 1, 2, (b, x) => b.Single("conv", new() { { "x", x }, { "weight", Tensor.Create([1f, 1f, 1f], 1, 1, 3) }, { "pad_type", "same" } }), 0, 6),
        new("conv without padding", [1, 1, 4], 1, 2, (b, x) => b.Single("conv", new() { { "x", x }, { "weight", Tensor.Create([1f, -1f, 1f], 1, 1, 3) }, { "pad_type", "valid" } }), 0, 3),
        new("softmax", [2, 4], 0, Math.Log(3), (b, x) => b.Single("softmax", new() { { "x", x }, { "axis", -1 } }), 0.1, 0.5),
        new("layer_norm (Samuelson)", [2, 5], -100, 100, (b, x) => b.Single("layer_norm", new() { { "x", x }, { "axes", new[] { -1 } }, { "gamma", Tensor.Create([2f, 2f, 2f, 2f, 2f], 5) }, { "beta", Tensor.Create([1f, 1f, 1f, 1f, 1f], 5) } }), -3, 5),
        new("layer_norm (epsilon)", [2, 5], 0, 0.001, (b, x) => b.Single("layer_norm", new() { { "x", x }, { "axes", new[] { -1 } }, { "epsilon", 1e-2f } }), -0.01, 0.01),
        new("batch_norm", [1, 1, 2], -1, 5, (b, x) => b.Single("batch_norm", new() { { "x", x }, { "mean", Tensor.Create([1f], 1) }, { "variance", Tensor.Create([3f], 1) }, { "gamma", Tensor.Create([2f], 1) }, { "beta", Tensor.Create([0.5f], 1) }, { "epsilon", 1f } }), -1.5, 4.5),
        new("reduce_sum", [2, 6], -1, 2, (b, x) => b.Single("reduce_sum", new() { { "x", x }, { "axes", new[] { 1 } } }), -6, 12),
        new("reduce_mean", [2, 6], -1, 2, (b, x) => b.Single("reduce_mean", new() { { "x", x }, { "axes", new[] { 1 } } }), -1, 2),
        new("reduce_log_sum_exp", [2, 6], -1, 2, (b, x) => b.Single("reduce_log_sum_exp", new() { { "x", x }, { "axes", new[] { 1 } } }), -1 + Math.Log(6), 2 + Math.Log(6)),
        new("max_pool", [1, 1, 4], -1, 2, (b, x) => b.Single("max_pool", new() { { "x", x }, { "kernel_sizes", new[] { 2 } }, { "strides", new[] { 1 } }, { "pad_type", "valid" } }), -1, 2),
        new("concat", [1, 2], -1, 2, (b, x) => b.Single("concat", new() { { "values", new[] { x, b.Const(Tensor.Create([7f, -3f], 1, 2)) } }, { "axis", 0 } }), -3, 7),
        new("cast to int32", [2, 6], -1.5, 2.5, (b, x) => b.Single("cast", new() { { "x", x }, { "dtype", "int32" } }), -2, 3),
        new("reshape", [2, 6], -1, 2, (b, x) => b.Single("reshape", new() { { "x", x }, { "shape", new[] { 3, 4 } } }), -1, 2),
    ];

    public static TheoryData<string> Names() => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void TheBoundIsTheExactImage(string name)
    {
        var c = Cases.Single(k => k.Name == name);
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, [.. c.Shape.Select(d => (long)d)]));
        var output = c.Build(new MilBuilder(program.Main.Body), x);
        program.Main.Body.AddOutput(output);
        var ranges = new InputOverrides { Ranges = new Dictionary<string, InputRange> { ["x"] = new(c.Low, c.High) } };
        var inputs = program.Main.Inputs.Select(i => new TensorSignature(i.Name, i.DataType, i.Shape)).ToList();
        var report = BoundChecker.AssertSound(program, ranges, EdgeSamples.For(inputs, ranges));
        var bound = report.Ops.Single(o => o.Name == output.Name).Bound;
        Assert.Equal(BoundKind.Proven, bound.Kind);
        var slack = 1e-5 * Math.Max(1, Math.Max(Math.Abs(c.ExpectedLow), Math.Abs(c.ExpectedHigh)));
        Assert.True(Math.Abs(bound.Range.Low - c.ExpectedLow) <= slack && Math.Abs(bound.Range.High - c.ExpectedHigh) <= slack,
            $"{name}: bound {bound.Range}, expected [{c.ExpectedLow:G6}, {c.ExpectedHigh:G6}]");
    }

    [Fact]
    public void AnOpWithoutATransferFunctionIsUnknownAndWhatFollowsIsUnboundedByIt()
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 2, 3));
        var b = new MilBuilder(program.Main.Body);
        var mod = b.Single("mod", new() { { "x", x }, { "y", x } }, "remainder");
        program.Main.Body.AddOutput(b.Single("sigmoid", new() { { "x", b.Single("relu", new() { { "x", mod } }, "r") } }, "s"));
        var report = new StaticBoundAnalyzer().Analyze(program);
        var unknown = report.Ops.Single(o => o.Name == "remainder");
        Assert.Equal(BoundKind.Unknown, unknown.Bound.Kind);
        Assert.NotNull(unknown.Note);
        Assert.Equal(Fp16Risk.Overflow, unknown.Risk);
        var relu = report.Ops.Single(o => o.Name == "r");
        Assert.Equal((0, double.PositiveInfinity), (relu.Bound.Range.Low, relu.Bound.Range.High));
        Assert.Equal("remainder", relu.Bound.UnboundedBy);
        var sigmoid = report.Ops.Single(o => o.Name == "s");
        Assert.True(sigmoid.Bound.Range.IsFinite);
        Assert.Equal([unknown], report.Unsound);
    }

    [Fact]
    public void ASymbolicReducedDimMakesTheBoundEstimated()
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", new TensorType(DataType.Float32, new Shape([Dim.Of(2), Dim.Of("n")])));
        var b = new MilBuilder(program.Main.Body);
        var sum = b.Single("reduce_sum", new() { { "x", x }, { "axes", new[] { 1 } } }, "total");
        program.Main.Body.AddOutput(b.Single("relu", new() { { "x", sum } }, "y"));
        var report = new StaticBoundAnalyzer().Analyze(program);
        Assert.Equal(BoundKind.Estimated, report.Ops.Single(o => o.Name == "total").Bound.Kind);
        Assert.Contains("symbolic", report.Ops.Single(o => o.Name == "total").Note);
        Assert.Equal(BoundKind.Estimated, report.Ops.Single(o => o.Name == "y").Bound.Kind);
        Assert.Null(report.Ops.Single(o => o.Name == "y").Note);
    }

    [Fact]
    public void QuantizeAndDequantizeAreBoundedByTheIntegerRangeAndTheScale()
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS17);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 2, 6));
        var b = new MilBuilder(program.Main.Body);
        var q = b.Single("quantize", new() { { "input", x }, { "scale", 0.01f }, { "output_dtype", "int8" } }, "q");
        program.Main.Body.AddOutput(b.Single("dequantize", new() { { "input", q }, { "scale", 0.01f } }, "dq"));
        var ranges = new InputOverrides { Ranges = new Dictionary<string, InputRange> { ["x"] = new(-3, 3) } };
        var inputs = program.Main.Inputs.Select(i => new TensorSignature(i.Name, i.DataType, i.Shape)).ToList();
        var report = BoundChecker.AssertSound(program, ranges, EdgeSamples.For(inputs, ranges));
        var dq = report.Ops.Single(o => o.Name == "dq").Bound.Range;
        Assert.Equal(-1.28, dq.Low, 1e-4);
        Assert.Equal(1.27, dq.High, 1e-4);
    }

    [Theory]
    [InlineData(1e5, 2e5, Fp16Risk.Overflow)]
    [InlineData(-1, 65504, Fp16Risk.None)]
    [InlineData(1e-5, 1, Fp16Risk.Subnormal)]
    [InlineData(-1, 1, Fp16Risk.None)]
    [InlineData(-1e-5, 1e-5, Fp16Risk.Subnormal)]
    [InlineData(1e-9, 2e-8, Fp16Risk.FlushToZero)]
    [InlineData(0, 0, Fp16Risk.None)]
    public void RisksOfIntervals(double low, double high, Fp16Risk risk) => Assert.Equal(risk, OpBound.RiskOf(new Interval(low, high)));
}
