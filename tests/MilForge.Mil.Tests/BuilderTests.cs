using MilForge.Diagnostics;
using MilForge.Mil.Ops;
using MilForge.Mil.Text;

namespace MilForge.Mil.Tests;

public class BuilderTests
{
    [Fact]
    public void DefaultsAreWrittenOutAsNamedConsts()
    {
        var h = new MilHarness();
        var y = h.Builder.Single("softmax", new() { { "x", h.F32(2, 3) } }, "probs");
        var axis = y.Producer!.Input("axis")!;
        Assert.True(axis.IsConstant);
        Assert.Equal(-1, axis.ConstantValue!.GetLong(0));
        Assert.Equal(DataType.Int32, axis.DataType);
        Assert.Equal("probs_axis_0", axis.Name);
        Assert.Equal(["probs_axis_0", "probs"], h.Main.Body.Operations.Select(o => o.Name));
    }

    [Fact]
    public void LiteralsBecomeConstsOfNarrowTypes()
    {
        var h = new MilHarness();
        var y = h.Builder.Single("clip", new() { { "x", h.F32(2) }, { "alpha", 0f }, { "beta", 6f } }, "c");
        Assert.Equal(DataType.Float32, y.Producer!.Input("alpha")!.DataType);
        Assert.Equal("c_alpha", y.Producer.Input("alpha")!.Name);
        var g = h.Builder.Single("gather", new() { { "x", h.F32(5) }, { "indices", new[] { 1, 2 } } });
        Assert.Equal(DataType.Int32, g.Producer!.Input("indices")!.DataType);
    }

    [Fact]
    public void TypeVariableUnifiesAcrossInputsAndTuples()
    {
        var h = new MilHarness();
        Assert.Equal("fp16[3]", h.Type("select", new() { { "cond", h.Input(DataType.Bool, 3) }, { "a", h.F16(3) }, { "b", h.F16(3) } }));
        var e = h.Fails(DiagnosticCodes.MilTypeMismatch, "select", new() { { "cond", h.Input(DataType.Bool, 3) }, { "a", h.F32(3) }, { "b", h.I32(3) } });
        Assert.Contains("'a' (fp32) and 'b' (int32) must have the same type T", e.Message);
        h.Fails(DiagnosticCodes.MilTypeMismatch, "concat", new() { { "values", new[] { h.I32(2), h.I32(2), h.F32(2) } }, { "axis", 0 } });
        // The variable binds per op: a later op may use another type.
        Assert.Equal("int32[2]", h.Type("add", new() { { "x", h.I32(2) }, { "y", h.I32(2) } }));
    }

    [Fact]
    public void BindingErrorsAreMil2005()
    {
        var h = new MilHarness();
        var x = h.F32(2);
        h.Fails(DiagnosticCodes.MilMalformed, "relu", new() { { "x", x }, { "y", x } });
        h.Fails(DiagnosticCodes.MilMalformed, "relu", new() { { "x", x }, { "x", x } });
        h.Fails(DiagnosticCodes.MilMalformed, "add", new() { { "x", x } });
        h.Fails(DiagnosticCodes.MilMalformed, "relu", new() { { "x", new[] { x, x } } });
        Assert.Equal("fp32[2]", h.Type("concat", new() { { "values", x }, { "axis", 0 } }));
    }

    [Fact]
    public void ExactOutputNamesAreReservedOnce()
    {
        var h = new MilHarness();
        var x = h.F32(2);
        var y = h.Builder.Build("relu", new() { { "x", x } }, "r", ["out"]);
        Assert.Equal("out", y[0].Name);
        Assert.Equal("r", y[0].Producer!.Name);
        MilHarness.Fails(DiagnosticCodes.MilMalformed, () => h.Builder.Build("relu", new() { { "x", x } }, "r2", ["out"]));
        MilHarness.Fails(DiagnosticCodes.MilMalformed, () => h.Builder.Build("relu", new() { { "x", x } }, "r3", ["1bad"]));
        MilHarness.Fails(DiagnosticCodes.MilMalformed, () => h.Builder.Build("relu", new() { { "x", x } }, "r4", ["a", "b"]));
        MilHarness.Fails(DiagnosticCodes.MilMalformed, () => h.Builder.Const(Tensor.Scalar(1), "out", exactName: true));
    }

    [Fact]
    public void NamesAreMadeUniqueAndSanitized()
    {
        var h = new MilHarness();
        var x = h.F32(2);
        var a = h.Builder.Single("relu", new() { { "x", x } }, "/layer.0/Relu");
        var b = h.Builder.Single("relu", new() { { "x", x } }, "/layer.0/Relu");
        Assert.Equal("_layer_0_Relu", a.Name);
        Assert.Equal("_layer_0_Relu_1", b.Name);
        var c = h.Builder.Single("relu", new() { { "x", x } });
        Assert.Equal("relu", c.Name);
        var parts = h.Builder.Build("split", new() { { "x", h.F32(4) }, { "num_splits", 2 }, { "axis", 0 } }, "s");
        Assert.Equal(["s_0", "s_1"], parts.Select(v => v.Name));
    }

    [Fact]
    public void TwoBuildersOnTwoProgramsInterleavedShareNoState()
    {
        var p1 = new MilHarness();
        var p2 = new MilHarness(DeploymentTarget.iOS17);
        var x1 = p1.F32(2, 3);
        var x2 = p2.F16(4);
        var a1 = p1.Builder.Single("relu", new() { { "x", x1 } });
        var a2 = p2.Builder.Single("relu", new() { { "x", x2 } });
        var b1 = p1.Builder.Single("softmax", new() { { "x", a1 } });
        var b2 = p2.Builder.Single("cast", new() { { "x", a2 }, { "dtype", "int8" } });
        p1.Main.Body.AddOutput(b1);
        p2.Main.Body.AddOutput(b2);
        Assert.Equal("relu", a1.Name);
        Assert.Equal("relu", a2.Name);
        Assert.All(p1.Main.AllOperations(), o => Assert.Same(p1.Main.Body, o.Parent));
        Assert.All(p2.Main.AllOperations(), o => Assert.Same(p2.Main.Body, o.Parent));

        var s1 = new MilHarness();
        s1.Builder.Single("softmax", new() { { "x", s1.Builder.Single("relu", new() { { "x", s1.F32(2, 3) } }) } });
        s1.Main.Body.AddOutput(s1.Main.Body.Operations[^1].Output);
        var printer = new MilPrinter();
        Assert.Equal(printer.Print(s1.Program), printer.Print(p1.Program));
        Assert.Contains("cast(x=%relu, dtype=\"int8\")", printer.Print(p2.Program));
    }

    [Fact]
    public void FolderReplacesAllConstantOps()
    {
        var h = new MilHarness();
        h.Builder.Folder = new NegatingFolder();
        var folded = h.Builder.Single("relu", new() { { "x", Tensor.Vector(-1f, 2f) } }, "r");
        Assert.True(folded.IsConstant);
        Assert.Equal("r", folded.Name);
        Assert.Equal([1f, -2f], folded.ConstantValue!.AsFloats());
        var live = h.Builder.Single("relu", new() { { "x", h.F32(2) } });
        Assert.False(live.IsConstant);
        Assert.Equal("relu", live.Producer!.Type);
    }

    [Fact]
    public void InsertBeforePlacesOpsAheadOfAnAnchor()
    {
        var h = new MilHarness();
        var x = h.F32(2);
        var last = h.Builder.Single("relu", new() { { "x", x } }, "last");
        h.Builder.InsertBefore = last.Producer;
        h.Builder.Single("exp", new() { { "x", x } }, "first");
        Assert.Equal(["first", "last"], h.Main.Body.Operations.Select(o => o.Name));
    }

    private sealed class NegatingFolder : IConstantFolder
    {
        public IReadOnlyList<Tensor>? TryFold(Operation op) =>
            [Tensor.Create(op.InputValues.First().ConstantValue!.AsFloats().Select(v => -v).ToArray(), op.Outputs[0].Shape.ToStatic())];
    }
}
