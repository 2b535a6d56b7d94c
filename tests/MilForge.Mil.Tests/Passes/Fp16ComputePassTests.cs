using MilForge.Diagnostics;
using MilForge.Mil.Building;
using MilForge.Mil.Passes.Fp16;
using MilForge.Mil.Text;

namespace MilForge.Mil.Tests.Passes;

/// <summary>The FP16 pass on small programs: cast placement, constant conversion, I/O, kept ops, overflow actions.</summary>
public class Fp16ComputePassTests
{
    private static readonly MilPrinter Printer = new() { ShowOrigins = false };

    /// <summary>x → linear(W, b) → relu → softmax, with W of 12 elements (a blob-sized const).</summary>
    private static MilProgram Mlp(DeploymentTarget target, float weightScale = 1f)
    {
        var program = MilProgram.WithMain(target);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 1, 4));
        var b = new MilBuilder(program.Main.Body);
        var w = b.Const(Tensor.Create(Enumerable.Range(0, 12).Select(i => (i - 6) * 0.25f * weightScale).ToArray(), 3, 4), "w");
        var lin = b.Single("linear", new() { { "x", x }, { "weight", w }, { "bias", new[] { 0.5f, -0.5f, 1f } } }, "lin");
        var relu = b.Single("relu", new() { { "x", lin } }, "act");
        program.Main.Body.AddOutput(b.Single("softmax", new() { { "x", relu }, { "axis", -1 } }, "y"));
        return program;
    }

    private static string Run(MilProgram program, Fp16Options? options = null)
    {
        var pass = new Fp16ComputePass(options);
        pass.Run(program);
        Assert.Empty(Verification.MilVerifier.Verify(program));
        return Printer.Print(program);
    }

    [Fact]
    public void Ios16UsesFp16IoAndNoCasts()
    {
        var text = Run(Mlp(DeploymentTarget.iOS16));
        Assert.Equal("""
            func main<iOS16>(%x: fp16[1, 4]) {
              %lin_cast_fp16: fp16[1, 3] = linear(x=%x, weight=fp16[-1.5, -1.25, -1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.25], bias=fp16[0.5, -0.5, 1])
              %act_cast_fp16: fp16[1, 3] = relu(x=%lin_cast_fp16)
              %y: fp16[1, 3] = softmax(x=%act_cast_fp16, axis=-1)
            } -> (%y)

            """.ReplaceLineEndings("\n"), text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Fp32IoCastsAtTheEdgesAndKeepsTheOutputName()
    {
        var text = Run(Mlp(DeploymentTarget.iOS15), new Fp16Options { Fp16IO = false });
        Assert.Contains("%x_to_fp16: fp16[1, 4] = cast(x=%x, dtype=\"fp16\")", text);
        Assert.Contains("%y: fp32[1, 3] = cast(x=%y_cast_fp16, dtype=\"fp32\")", text);
        Assert.Contains("func main<iOS15>(%x: fp32[1, 4])", text);
        Assert.Equal(2, text.Split("= cast(").Length - 1);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AnOutputThatOtherOpsAlsoReadKeepsItsName(bool readFirst)
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 1, 4));
        var b = new MilBuilder(program.Main.Body);
        var e = b.Single("exp", new() { { "x", x } }, "e");
        var y = b.Single("relu", new() { { "x", e } }, "y");
        program.Main.Body.AddOutput(readFirst ? e : y);
        program.Main.Body.AddOutput(readFirst ? y : e);
        var text = Run(program);
        Assert.Contains("%e: fp16[1, 4] = exp(x=%x)", text);
        Assert.Contains("%y: fp16[1, 4] = relu(x=%e)", text);
        Assert.Contains(readFirst ? "-> (%e, %y)" : "-> (%y, %e)", text);
    }

    [Fact]
    public void KeptOpsGetCastsOnBothSidesAndNoChainIsCreated()
    {
        var program = Mlp(DeploymentTarget.iOS16);
        var pass = new Fp16ComputePass(new Fp16Options { KeepFp32 = op => op.Type == "relu" });
        pass.Run(program);
        var text = Printer.Print(program);
        Assert.Contains("%lin_cast_fp16_to_fp32: fp32[1, 3] = cast(x=%lin_cast_fp16, dtype=\"fp32\")", text.Replace("%lin_to_fp32", "%lin_cast_fp16_to_fp32"));
        Assert.Contains("relu(x=%lin_to_fp32)", text);
        Assert.Contains("%act_to_fp16: fp16[1, 3] = cast(x=%act, dtype=\"fp16\")", text);
        Assert.Single(pass.Report.KeptFp32);
        Assert.Equal(2, PrecisionSummary.Of(program).Casts);
    }

    [Fact]
    public void AnOverflowingWeightKeepsItsOpInFp32AndIsReported()
    {
        var program = Mlp(DeploymentTarget.iOS16, weightScale: 100000f);
        var pass = new Fp16ComputePass();
        pass.Run(program);
        var overflow = Assert.Single(pass.Report.Overflows);
        Assert.Equal("w", overflow.Constant);
        Assert.Equal(150000, overflow.MaxAbs, 3);
        Assert.Equal(0, overflow.Sentinels);
        Assert.Contains("kept in FP32", overflow.Action);
        var linear = program.Main.AllOperations().Single(o => o.Type == "linear");
        Assert.Equal(DataType.Float32, linear.Output.DataType);
        Assert.Contains(pass.Report.Diagnostics(), d => d.Code == DiagnosticCodes.MilFp16Overflow && d.Message.Contains("'w'"));
    }

    [Theory]
    [InlineData(WeightOverflowAction.Saturate, DataType.Float16)]
    [InlineData(WeightOverflowAction.KeepFp32, DataType.Float32)]
    public void OverflowActionsCanBeChosen(WeightOverflowAction action, DataType linearType)
    {
        var program = Mlp(DeploymentTarget.iOS16, weightScale: 100000f);
        new Fp16ComputePass(new Fp16Options { OnWeightOverflow = action }).Run(program);
        Assert.Equal(linearType, program.Main.AllOperations().Single(o => o.Type == "linear").Output.DataType);
        if (action == WeightOverflowAction.Saturate)
        {
            var w = program.Main.AllOperations().Single(o => o.IsConst && o.Output.Name == "w_to_fp16").Attributes["val"];
            Assert.Equal(65504f, w.AsFloats().Max());
            Assert.Equal(-65504f, w.AsFloats().Min());
        }
    }

    [Fact]
    public void OverflowErrorStopsTheConversion()
    {
        var e = Assert.Throws<DiagnosticException>(() =>
            new Fp16ComputePass(new Fp16Options { OnWeightOverflow = WeightOverflowAction.Error }).Run(Mlp(DeploymentTarget.iOS16, 100000f)));
        Assert.Equal(DiagnosticCodes.MilFp16Overflow, e.Code);
    }

    [Fact]
    public void OverflowErrorNamesEveryOverflowingConstantAndLeavesTheProgramAsItWas()
    {
        // Two overflowing constants (one read twice) and one that fits: one MIL2101 for each overflowing constant,
        // naming its readers, and nothing rewritten.
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 1, 3));
        var b = new MilBuilder(program.Main.Body);
        var big = b.Const(Tensor.Create(new[] { 1f, 70000f, -2f }, 1, 3), "big");
        var mask = b.Const(Tensor.Create(new[] { 0f, float.MinValue, 0f }, 1, 3), "mask");
        var a = b.Single("mul", new() { { "x", x }, { "y", big } }, "a");
        var c = b.Single("add", new() { { "x", a }, { "y", mask } }, "c");
        var d = b.Single("sub", new() { { "x", c }, { "y", big } }, "d");
        program.Main.Body.AddOutput(b.Single("add", new() { { "x", d }, { "y", new[] { 1f, 2f, 3f } } }, "y"));
        var before = Printer.Print(program);

        var e = Assert.Throws<DiagnosticException>(() =>
            new Fp16ComputePass(new Fp16Options { OnWeightOverflow = WeightOverflowAction.Error }).Run(program));
        Assert.Equal(2, e.Diagnostics.Count);
        Assert.All(e.Diagnostics, diagnostic => Assert.Equal(DiagnosticCodes.MilFp16Overflow, diagnostic.Code));
        Assert.Contains("'big'", e.Diagnostics[0].Message);
        Assert.Contains("mul 'a'", e.Diagnostics[0].Message);
        Assert.Contains("sub 'd'", e.Diagnostics[0].Message);
        Assert.Contains("max |v| = 70000", e.Diagnostics[0].Message);
        Assert.Contains("'mask'", e.Diagnostics[1].Message);
        Assert.Contains("add 'c'", e.Diagnostics[1].Message);
        Assert.Equal(before, Printer.Print(program));
        Assert.Equal(DataType.Float32, program.Main.Inputs[0].DataType);
    }

    [Fact]
    public void OverflowErrorLetsAProgramWithoutOverflowThrough()
    {
        var program = Mlp(DeploymentTarget.iOS16, weightScale: 1000f);
        var pass = new Fp16ComputePass(new Fp16Options { OnWeightOverflow = WeightOverflowAction.Error });
        pass.Run(program);
        Assert.Empty(pass.Report.Overflows);
        Assert.Equal(0, PrecisionSummary.Of(program).Fp32Ops);
    }

    [Fact]
    public void SentinelsSaturateAndTheOpGoesToFp16()
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 1, 3));
        var b = new MilBuilder(program.Main.Body);
        var mask = b.Const(Tensor.Create(new[] { 0f, float.MinValue, 0f }, 1, 3), "mask");
        var masked = b.Single("add", new() { { "x", x }, { "y", mask } }, "masked");
        program.Main.Body.AddOutput(b.Single("softmax", new() { { "x", masked } }, "y"));
        var pass = new Fp16ComputePass();
        pass.Run(program);
        var overflow = Assert.Single(pass.Report.Overflows);
        Assert.Equal(1, overflow.Sentinels);
        Assert.Contains("saturated", overflow.Action);
        var fp16Mask = program.Main.AllOperations().Single(o => o.IsConst && o.Output.Name == "mask_to_fp16").Attributes["val"];
        Assert.Equal(-65504f, fp16Mask.AsFloats()[1]);
        Assert.Equal(0, PrecisionSummary.Of(program).Fp32Ops);
    }

    [Fact]
    public void SmallConstantsThatWouldFlushToZeroAreRaisedToTheSmallestSubnormal()
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 2));
        var b = new MilBuilder(program.Main.Body);
        var eps = b.Const(Tensor.Vector(1e-12f, 1f), "eps");
        program.Main.Body.AddOutput(b.Single("add", new() { { "x", x }, { "y", eps } }, "y"));
        var pass = new Fp16ComputePass();
        pass.Run(program);
        var underflow = Assert.Single(pass.Report.Underflows);
        Assert.Equal(1, underflow.Flushed);
        var converted = program.Main.AllOperations().Single(o => o.IsConst && o.Output.Name == "eps_to_fp16").Attributes["val"];
        Assert.Equal((float)Half.Epsilon, converted.AsFloats()[0]);
    }

    [Fact]
    public void IntegerOpsAndCastsAreLeftAlone()
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Int32, 4));
        var b = new MilBuilder(program.Main.Body);
        var sum = b.Single("add", new() { { "x", x }, { "y", 1 } }, "sum");
        program.Main.Body.AddOutput(b.Single("cast", new() { { "x", sum }, { "dtype", "fp32" } }, "y"));
        var before = Printer.Print(program);
        new Fp16ComputePass(new Fp16Options { Fp16IO = false }).Run(program);
        Assert.Equal(before, Printer.Print(program));
    }

    [Fact]
    public void Fp16IoDeclaresAnFp32OutputOfAnUnconvertedOpAsFp16()
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Int32, 4));
        var b = new MilBuilder(program.Main.Body);
        program.Main.Body.AddOutput(b.Single("cast", new() { { "x", x }, { "dtype", "fp32" } }, "y"));
        new Fp16ComputePass().Run(program);
        var text = Printer.Print(program);
        Assert.Contains("%y_fp32: fp32[4] = cast(x=%x, dtype=\"fp32\")", text);
        Assert.Contains("%y: fp16[4] = cast(x=%y_fp32, dtype=\"fp16\")", text);
    }

    [Fact]
    public void OpPatternsMatchTypesOriginsAndGlobs()
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 4));
        var b = new MilBuilder(program.Main.Body) { Origin = new Origin("/encoder/layer.0/Relu", "Relu") };
        var r = b.Single("relu", new() { { "x", x } }, "r");
        b.Origin = new Origin("/head/Exp", "Exp");
        program.Main.Body.AddOutput(b.Single("exp", new() { { "x", r } }, "y"));
        var ops = program.Main.AllOperations().Where(o => !o.IsConst).ToList();
        Assert.True(OpPatterns.Parse("relu").Matches(ops[0]));
        Assert.True(OpPatterns.Parse("Exp").Matches(ops[1]));
        Assert.True(OpPatterns.Parse("/encoder/*").Matches(ops[0]));
        Assert.False(OpPatterns.Parse("/encoder/*").Matches(ops[1]));
        Assert.Equal(["nothing*"], OpPatterns.Parse("relu, nothing*").Unmatched(program));
    }
}
