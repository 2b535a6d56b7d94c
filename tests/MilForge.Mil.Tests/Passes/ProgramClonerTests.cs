using MilForge.Diagnostics;
using MilForge.Mil.Building;
using MilForge.Mil.Passes;
using MilForge.Mil.Passes.Fp16;
using MilForge.Mil.Text;
using MilForge.Mil.Verification;

namespace MilForge.Mil.Tests.Passes;

/// <summary>
/// <see cref="ProgramCloner"/>: a copy prints exactly as its source (names, types, consts, origins, outputs),
/// shares no IR object with it, so editing one never shows in the other; with <see cref="ProgramCloner.WidenFp16"/>
/// nothing fp16 is left (inputs, op outputs, constants, casts), names and outputs stay, and constants widen exactly.
/// (Running widened programs against their FP16 source is in MilForge.Runtime.Tests.)
/// </summary>
public class ProgramClonerTests
{
    private static readonly MilPrinter Printer = new() { ShowConstOps = true, ShowOrigins = true };

    /// <summary>
    /// An FP32 program touching what a copy must carry: two functions, build info, origins, int/bool/string/float
    /// consts, a tuple input (concat), a multi-output op (split) whose op name differs from its outputs, and a
    /// non-float path (shape → gather).
    /// </summary>
    private static MilProgram Rich()
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        program.BuildInfo["coremltools-version"] = "9.1";
        program.BuildInfo["milforge"] = "test";
        var main = program.Main;
        var x = main.AddInput("x", TensorType.Of(DataType.Float32, 1, 3, 6, 6));
        var k = main.AddInput("k", TensorType.Of(DataType.Int32, 2));
        var b = new MilBuilder(main.Body) { Origin = new Origin("/conv/Conv", "Conv") };
        var w = b.Const(Tensor.Create(Enumerable.Range(0, 4 * 3 * 3 * 3).Select(i => (i % 7) * 0.1f - 0.3f).ToArray(), 4, 3, 3, 3), "conv_weight");
        var conv = b.Single("conv", new() { { "x", x }, { "weight", w }, { "pad_type", "same" }, { "bias", new[] { 0.1f, 0.2f, -0.1f, 0f } } }, "conv");
        b.Origin = new Origin("/Relu", "Relu");
        var relu = b.Single("relu", new() { { "x", conv } }, "relu");
        b.Origin = new Origin("/Split", "Split");
        var parts = b.Build("split", new() { { "x", relu }, { "num_splits", 2 }, { "axis", 1 } }, "sp");
        b.Origin = new Origin("/Concat", "Concat");
        var cat = b.Single("concat", new() { { "values", new[] { parts[1], parts[0], parts[1] } }, { "axis", 1 } }, "cat");
        b.Origin = Origin.None;
        var shape = b.Single("shape", new() { { "x", cat } }, "shp");
        var picked = b.Single("gather", new() { { "x", shape }, { "indices", k }, { "axis", 0 } }, "picked");
        var mean = b.Single("reduce_mean", new() { { "x", cat }, { "axes", new[] { 2, 3 } }, { "keep_dims", false } }, "mean");
        b.Origin = new Origin("/Softmax", "Softmax");
        var y = b.Single("softmax", new() { { "x", mean }, { "axis", -1 } }, "y");
        main.Body.AddOutput(y);
        main.Body.AddOutput(picked);

        var helper = new Function("helper", DeploymentTarget.iOS17);
        var h = helper.AddInput("h", TensorType.Of(DataType.Float32, 4));
        var hb = new MilBuilder(helper.Body);
        var flag = hb.Const(Tensor.Create(new[] { true, false, true, false }, 4), "flag");
        var sel = hb.Single("select", new() { { "cond", flag }, { "a", h }, { "b", new[] { -1f, -2f, -3f, -4f } } }, "sel");
        helper.Body.AddOutput(sel);
        program.Functions["helper"] = helper;
        return program;
    }

    private static IEnumerable<Value> AllValues(MilProgram program) => program.Functions.Values
        .SelectMany(f => f.Inputs.Concat(f.AllOperations().SelectMany(o => o.Outputs)));

    [Fact]
    public void ACloneIsStructurallyIdentical()
    {
        var source = Rich();
        Assert.Empty(MilVerifier.Verify(source));
        var copy = new ProgramCloner().Clone(source);
        Assert.Equal(Printer.Print(source), Printer.Print(copy));
        Assert.Equal(source.BuildInfo, copy.BuildInfo);
        Assert.Equal(source.Functions.Keys, copy.Functions.Keys);
        Assert.Equal(DeploymentTarget.iOS17, copy.Functions["helper"].Target);
        Assert.Empty(MilVerifier.Verify(copy));

        // What the printer does not show: op names, origins with their passes, and output indices.
        var pairs = source.Main.AllOperations().Zip(copy.Main.AllOperations()).ToList();
        Assert.Equal(source.Main.AllOperations().Count(), copy.Main.AllOperations().Count());
        Assert.All(pairs, p =>
        {
            Assert.Equal(p.First.Name, p.Second.Name);
            Assert.Equal(p.First.Type, p.Second.Type);
            Assert.Equal(p.First.Origin.ToString(), p.Second.Origin.ToString());
            Assert.Equal(p.First.Inputs.Keys, p.Second.Inputs.Keys);
            Assert.Equal(p.First.Outputs.Select(o => (o.Name, o.OutputIndex)), p.Second.Outputs.Select(o => (o.Name, o.OutputIndex)));
        });
        Assert.Equal("sp", copy.Main.AllOperations().Single(o => o.Type == "split").Name);
    }

    [Fact]
    public void ACloneSharesNoValueOrOperation()
    {
        var source = Rich();
        var copy = new ProgramCloner().Clone(source);
        Assert.Empty(AllValues(source).Intersect(AllValues(copy)));
        Assert.Empty(source.Functions.Values.SelectMany(f => f.AllOperations()).Intersect(copy.Functions.Values.SelectMany(f => f.AllOperations())));
        // Consumers are per program: no value of the source is read by an op of the copy.
        var copyOps = copy.Functions.Values.SelectMany(f => f.AllOperations()).ToHashSet();
        Assert.DoesNotContain(AllValues(source).SelectMany(v => v.Consumers), copyOps.Contains);
    }

    [Fact]
    public void EditingTheCloneLeavesTheSourceUnchanged()
    {
        var source = Rich();
        var before = Printer.Print(source);
        var copy = new ProgramCloner().Clone(source);
        var main = copy.Main;

        // Retype an input, rename a value, rewire a use, remove an op, add an op and an output, add build info.
        main.SetInputType(0, TensorType.Of(DataType.Float16, 1, 3, 6, 6));
        var relu = main.AllOperations().Single(o => o.Type == "relu");
        main.Rename(relu.Output, "renamed_relu");
        var softmax = main.AllOperations().Single(o => o.Type == "softmax");
        var mean = softmax.Input("x")!;
        var b = new MilBuilder(main.Body) { InsertBefore = softmax };
        var doubled = b.Single("mul", new() { { "x", mean }, { "y", 2f } }, "doubled");
        softmax.ReplaceInput(mean, doubled);
        main.Body.AddOutput(doubled);
        var picked = main.Body.Outputs[1];
        main.Body.SetOutput(1, doubled);
        main.Body.Remove(picked.Producer!);
        copy.Functions["helper"].Body.SetOutput(0, copy.Functions["helper"].Inputs[0]);
        copy.BuildInfo["edited"] = "yes";
        copy.Functions.Remove("helper");

        Assert.Equal(before, Printer.Print(source));
        Assert.False(source.BuildInfo.ContainsKey("edited"));
        Assert.True(source.Functions.ContainsKey("helper"));
        Assert.Equal(DataType.Float32, source.Main.Inputs[0].DataType);
        Assert.Empty(MilVerifier.Verify(source));
        Assert.NotEqual(before, Printer.Print(copy));
    }

    [Fact]
    public void EditingTheSourceLeavesTheCloneUnchanged()
    {
        var source = Rich();
        var copy = new ProgramCloner().Clone(source);
        var before = Printer.Print(copy);
        var relu = source.Main.AllOperations().Single(o => o.Type == "relu");
        source.Main.Rename(relu.Output, "other");
        new MilBuilder(source.Main.Body).Single("relu", new() { { "x", relu.Output } }, "extra");
        Assert.Equal(before, Printer.Print(copy));
    }

    [Fact]
    public void TheCloneKnowsEveryNameItHolds()
    {
        // New ops built in a copy get fresh names, as they would in the source.
        var source = Rich();
        var copy = new ProgramCloner().Clone(source);
        var b = new MilBuilder(copy.Main.Body);
        foreach (var name in new[] { "relu", "conv_weight", "y", "x", "cat", "sp", "sp_0" })
        {
            var v = b.Single("relu", new() { { "x", copy.Main.Inputs[0] } }, name);
            Assert.NotEqual(name, v.Name);
        }
        Assert.Throws<DiagnosticException>(() => b.Const(Tensor.Scalar(1f), "conv_weight", exactName: true));
        Assert.Empty(MilVerifier.Verify(copy));
    }

    [Fact]
    public void CloningWithoutWideningKeepsFp16AsItIs()
    {
        var fp16 = Rich();
        new Fp16ComputePass().Run(fp16);
        var copy = new ProgramCloner().Clone(fp16);
        Assert.Equal(Printer.Print(fp16), Printer.Print(copy));
        Assert.Equal(PrecisionSummary.Of(fp16), PrecisionSummary.Of(copy));
        Assert.True(PrecisionSummary.Of(copy).Fp16Ops > 0);
    }

    [Fact]
    public void CopiesNestedBlocksAndWidensInsideThem()
    {
        var fp16 = ControlFlowPrograms.Fixture();
        new Fp16ComputePass().Run(fp16);
        var copy = new ProgramCloner().Clone(fp16);
        Assert.Equal(Printer.Print(fp16), Printer.Print(copy));
        var wide = new ProgramCloner { WidenFp16 = true }.Clone(fp16);
        AssertNoFp16(wide);
        Assert.Empty(MilVerifier.Verify(wide));
        Assert.Equal(2, wide.Main.Body.Operations.Single(o => o.Type == "while_loop").Blocks.Count);
    }

    // ---- widening ----

    private static IEnumerable<TensorType> TensorTypes(MilProgram program) => AllValues(program).Select(v => v.Type).OfType<TensorType>();

    private static void AssertNoFp16(MilProgram program)
    {
        Assert.DoesNotContain(TensorTypes(program), t => t.DataType == DataType.Float16);
        Assert.DoesNotContain(program.Functions.Values.SelectMany(f => f.AllOperations()), o => o.IsConst && o.Attributes["val"].DataType == DataType.Float16);
        Assert.DoesNotContain(program.Functions.Values.SelectMany(f => f.AllOperations()), o => o.Type == "cast" && o.Output.DataType == DataType.Float16);
    }

    [Fact]
    public void WideningLeavesNoFp16AndKeepsEveryNonCastOp()
    {
        var fp16 = Rich();
        new Fp16ComputePass().Run(fp16);
        Assert.Contains(TensorTypes(fp16), t => t.DataType == DataType.Float16);
        var before = Printer.Print(fp16);

        var wide = new ProgramCloner { WidenFp16 = true }.Clone(fp16);
        AssertNoFp16(wide);
        Assert.Empty(MilVerifier.Verify(wide));
        Assert.Equal(before, Printer.Print(fp16));
        Assert.Equal(0, PrecisionSummary.Of(wide).Fp16Ops);

        static List<(string, string)> NonCast(MilProgram p) =>
            [.. p.Main.AllOperations().Where(o => !o.IsConst && o.Type != "cast").Select(o => (o.Name, o.Type))];
        Assert.Equal(NonCast(fp16), NonCast(wide));
        Assert.Equal(fp16.Main.Inputs.Select(i => i.Name), wide.Main.Inputs.Select(i => i.Name));
        Assert.Equal(fp16.Main.Body.Outputs.Select(o => o.Name), wide.Main.Body.Outputs.Select(o => o.Name));
        // int32 stays int32 (the shape/gather path and the k input).
        Assert.Equal(DataType.Int32, wide.Main.Inputs[1].DataType);
        Assert.Equal(DataType.Int32, wide.Main.Body.Outputs[1].DataType);
    }

    [Fact]
    public void WidenedConstantsHoldTheFp16ValuesExactly()
    {
        var fp16 = Rich();
        new Fp16ComputePass().Run(fp16);
        var wide = new ProgramCloner { WidenFp16 = true }.Clone(fp16);
        var narrow = fp16.Main.AllOperations().Where(o => o.IsConst && o.Attributes["val"].DataType == DataType.Float16).ToList();
        Assert.NotEmpty(narrow);
        foreach (var op in narrow)
        {
            var widened = wide.Main.AllOperations().Single(o => o.IsConst && o.Output.Name == op.Output.Name).Attributes["val"];
            Assert.Equal(DataType.Float32, widened.DataType);
            Assert.Equal(op.Attributes["val"].Shape, widened.Shape);
            Assert.Equal(op.Attributes["val"].Storage<Half>().Select(h => (float)h), widened.Storage<float>());
        }
    }

    /// <summary>
    /// fp16 x (fp16 I/O) → cast fp32 → softmax (fp32, kept) → cast fp16 → add(int32 k cast to fp16) → y;
    /// also y2 = cast(fp16 → int32) and z = cast(fp32 → fp16) returned directly.
    /// </summary>
    private static MilProgram MixedByHand()
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float16, 2, 4));
        var k = program.Main.AddInput("k", TensorType.Of(DataType.Int32, 2, 4));
        var b = new MilBuilder(program.Main.Body);
        var up = b.Single("cast", new() { { "x", x }, { "dtype", "fp32" } }, "x_to_fp32");
        var soft = b.Single("softmax", new() { { "x", up }, { "axis", -1 } }, "soft");
        var down = b.Single("cast", new() { { "x", soft }, { "dtype", "fp16" } }, "soft_to_fp16");
        var kh = b.Single("cast", new() { { "x", k }, { "dtype", "fp16" } }, "k_to_fp16");
        var scale = b.Const(Tensor.Create(new[] { (Half)0.5f, (Half)(-1.25f), (Half)3f, (Half)65504f }, 4), "scale");
        var y = b.Single("add", new() { { "x", b.Single("mul", new() { { "x", down }, { "y", scale } }, "scaled") }, { "y", kh } }, "y");
        var y2 = b.Single("cast", new() { { "x", y }, { "dtype", "int32" } }, "y2");
        var z = b.Single("cast", new() { { "x", soft }, { "dtype", "fp16" } }, "z");
        program.Main.Body.AddOutput(y);
        program.Main.Body.AddOutput(y2);
        program.Main.Body.AddOutput(z);
        Assert.Empty(MilVerifier.Verify(program));
        return program;
    }

    [Fact]
    public void WideningNeutralisesCasts()
    {
        var wide = new ProgramCloner { WidenFp16 = true }.Clone(MixedByHand());
        AssertNoFp16(wide);
        Assert.Empty(MilVerifier.Verify(wide));
        var ops = wide.Main.AllOperations().Where(o => !o.IsConst).ToDictionary(o => o.Name);

        // fp32 → fp16 inside the program: gone, its readers read the fp32 value.
        Assert.False(ops.ContainsKey("soft_to_fp16"));
        Assert.Same(ops["soft"].Output, ops["scaled"].Input("x"));
        // fp16 → fp32: now an fp32 → fp32 cast that changes nothing (the cast optimization removes it).
        Assert.Equal(DataType.Float32, ops["x_to_fp32"].Input("x")!.DataType);
        Assert.Equal(DataType.Float32, ops["x_to_fp32"].Output.DataType);
        // int32 → fp16 becomes int32 → fp32; fp16 → int32 reads the fp32 value and still gives int32.
        Assert.Equal((DataType.Int32, DataType.Float32), (ops["k_to_fp16"].Input("x")!.DataType, ops["k_to_fp16"].Output.DataType));
        Assert.Equal((DataType.Float32, DataType.Int32), (ops["y2"].Input("x")!.DataType, ops["y2"].Output.DataType));
    }

    [Fact]
    public void WideningKeepsTheOutputNamesEvenWhenAnOutputIsANarrowingCast()
    {
        var source = MixedByHand();
        var wide = new ProgramCloner { WidenFp16 = true }.Clone(source);
        Assert.Equal(["y", "y2", "z"], wide.Main.Body.Outputs.Select(o => o.Name));
        Assert.Equal([DataType.Float32, DataType.Int32, DataType.Float32], wide.Main.Body.Outputs.Select(o => o.DataType));
        Assert.Empty(MilVerifier.Verify(wide));

        // After the cast optimization (what FromPackage runs), names and types still hold.
        new CastOptimizationPass().Run(wide);
        Assert.Equal(["y", "y2", "z"], wide.Main.Body.Outputs.Select(o => o.Name));
        Assert.Empty(MilVerifier.Verify(wide));
        Assert.DoesNotContain(wide.Main.AllOperations(), o => o.Name == "x_to_fp32");
    }

    [Fact]
    public void WideningAPassBuiltMixedProgramKeepsItsOutputName()
    {
        // The FP16 pass with fp16 I/O gives an FP32-kept output op an fp16 cast named as the output.
        var fp16 = Rich();
        new Fp16ComputePass(new Fp16Options { KeepFp32 = op => op.Type is "softmax" or "relu" }).Run(fp16);
        var output = fp16.Main.Body.Outputs[0];
        Assert.Equal(("y", "cast"), (output.Name, output.Producer!.Type));

        var wide = new ProgramCloner { WidenFp16 = true }.Clone(fp16);
        AssertNoFp16(wide);
        Assert.Equal(fp16.Main.Body.Outputs.Select(o => o.Name), wide.Main.Body.Outputs.Select(o => o.Name));
        Assert.Empty(MilVerifier.Verify(wide));
        new CastOptimizationPass().Run(wide);
        Assert.Equal(fp16.Main.Body.Outputs.Select(o => o.Name), wide.Main.Body.Outputs.Select(o => o.Name));
    }

    [Fact]
    public void WideningAnFp32ProgramChangesNothing()
    {
        var source = Rich();
        Assert.Equal(Printer.Print(source), Printer.Print(new ProgramCloner { WidenFp16 = true }.Clone(source)));
    }
}
