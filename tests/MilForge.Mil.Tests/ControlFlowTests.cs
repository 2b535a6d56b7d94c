using MilForge.Diagnostics;
using MilForge.Mil.Building;
using MilForge.Mil.Passes;
using MilForge.Mil.Passes.Fp16;
using MilForge.Mil.Text;
using MilForge.Mil.Verification;

namespace MilForge.Mil.Tests;

/// <summary>
/// <c>cond</c> and <c>while_loop</c> in the IR: typing from the blocks (symbolic dims where branches or iterations
/// differ), the printer and verifier on nested blocks, copies, dead code, and the FP16 pass converting ops inside blocks.
/// </summary>
public class ControlFlowTests
{
    private static readonly MilPrinter Printer = new() { ShowOrigins = false };

    [Fact]
    public void CondAndLoopAreTypedFromTheirBlocksAndVerify()
    {
        var program = ControlFlowPrograms.Fixture();
        Assert.Empty(MilVerifier.Verify(program));
        var ops = program.Main.Body.Operations;
        var cond = ops.Single(o => o.Type == "cond");
        Assert.Equal("fp32[1, 4, 6]", cond.Output.Type.ToString());
        Assert.Equal(2, cond.Blocks.Count);
        var loop = ops.Single(o => o.Type == "while_loop");
        Assert.Equal(["int32[]", "fp32[1, 4]"], loop.Outputs.Select(o => o.Type.ToString()));
        Assert.All(loop.Blocks, b => Assert.Equal(2, b.Inputs.Count));
        Assert.Equal("out", program.Main.Body.Outputs.Single().Name);
    }

    [Fact]
    public void PrinterShowsBlocksWithInputsAndOutputs()
    {
        var text = Printer.Print(ControlFlowPrograms.Fixture());
        Assert.Contains("%y: fp32[1, 4, 6] = cond(pred=%positive)", text);
        Assert.Contains("  block0() {", text);
        Assert.Contains("    %doubled: fp32[1, 4, 6] = mul(x=%x, y=2)", text);
        Assert.Contains("  } -> (%doubled)", text);
        Assert.Contains("block1(%i0_iter_1: int32[], %acc0_iter_1: fp32[1, 4]) {", text);
        Assert.Contains("} -> (%i_next, %acc_next)", text);
    }

    [Fact]
    public void BranchesWithDifferentDimsGiveASymbolicDim()
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 2, 6));
        var p = program.Main.AddInput("p", TensorType.Scalar(DataType.Bool));
        var b = new MilBuilder(program.Main.Body);
        var y = b.Cond(p,
            t => [t.Single("slice_by_size", new() { { "x", x }, { "begin", new[] { 0, 0 } }, { "size", new[] { 2, 4 } } })],
            f => [f.Single("relu", new() { { "x", x } })], "pick")[0];
        program.Main.Body.AddOutput(y);
        Assert.Equal(Dim.Of(2), y.Shape[0]);
        Assert.False(y.Shape[1].IsKnown);
        Assert.Empty(MilVerifier.Verify(program));
    }

    [Fact]
    public void BranchesThatDisagreeOnTypeAreRefused()
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 2));
        var p = program.Main.AddInput("p", TensorType.Scalar(DataType.Bool));
        var b = new MilBuilder(program.Main.Body);
        var e = Assert.Throws<DiagnosticException>(() => b.Cond(p,
            t => [t.Single("relu", new() { { "x", x } })],
            f => [f.Single("cast", new() { { "x", x }, { "dtype", "int32" } })]));
        Assert.Equal(DiagnosticCodes.MilTypeMismatch, e.Diagnostics[0].Code);
        // The abandoned branches keep nothing alive.
        Assert.Empty(x.Consumers);
    }

    [Fact]
    public void BranchReturningAnOuterValueGoesThroughAnIdentity()
    {
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 2));
        var p = program.Main.AddInput("p", TensorType.Scalar(DataType.Bool));
        var b = new MilBuilder(program.Main.Body);
        program.Main.Body.AddOutput(b.Cond(p, _ => [x], f => [f.Single("relu", new() { { "x", x } })])[0]);
        var cond = program.Main.Body.Operations.Single(o => o.Type == "cond");
        Assert.Equal("identity", cond.Blocks[0].Outputs[0].Producer!.Type);
        Assert.Empty(MilVerifier.Verify(program));
    }

    [Fact]
    public void LoopVariableThatGrowsBecomesSymbolic()
    {
        var program = ControlFlowPrograms.Growing(8);
        var loop = program.Main.Body.Operations.Single(o => o.Type == "while_loop");
        Assert.False(loop.Output.Shape[0].IsKnown);
        Assert.All(loop.Blocks, b => Assert.False(b.Inputs[0].Shape[0].IsKnown));
        Assert.Empty(MilVerifier.Verify(program));
        // The abandoned first attempt keeps nothing alive: x feeds only the loop.
        Assert.Equal([loop], program.Main.Inputs[0].Consumers);
    }

    [Fact]
    public void VerifierReportsAnUndefinedValueInsideABlock()
    {
        var program = ControlFlowPrograms.Fixture();
        var other = MilProgram.WithMain(DeploymentTarget.iOS16);
        var stranger = other.Main.AddInput("stranger", TensorType.Of(DataType.Float32, 1, 4, 6));
        var cond = program.Main.Body.Operations.Single(o => o.Type == "cond");
        var mul = cond.Blocks[0].Operations.Single(o => o.Type == "mul");
        mul.ReplaceInput(mul.Input("x")!, stranger);
        Assert.Contains(MilVerifier.Verify(program), d => d.Message.Contains("%stranger is not defined before use", StringComparison.Ordinal));
    }

    [Fact]
    public void CopyPrintsAsTheSource()
    {
        var program = ControlFlowPrograms.Fixture();
        var copy = new ProgramCloner().Clone(program);
        Assert.Equal(Printer.Print(program), Printer.Print(copy));
        Assert.Empty(MilVerifier.Verify(copy));
        Assert.DoesNotContain(copy.Main.AllOperations(), o => program.Main.AllOperations().Contains(o));
    }

    [Fact]
    public void DeadCodeRemovesAnUnusedLoopWithItsBlocks()
    {
        var program = ControlFlowPrograms.Fixture();
        var cond = program.Main.Body.Operations.Single(o => o.Type == "cond");
        program.Main.Body.SetOutput(0, cond.Output);
        new DeadCodeElimination().Run(program);
        Assert.DoesNotContain(program.Main.AllOperations(), o => o.Type == "while_loop");
        Assert.Equal(["reduce_sum", "greater", "cond"], program.Main.Body.Operations.Where(o => !o.IsConst).Select(o => o.Type));
        Assert.DoesNotContain(program.Main.AllOperations(), o => o.Name is "column" or "half");
        Assert.Empty(MilVerifier.Verify(program));
    }

    [Fact]
    public void Fp16PassConvertsTheOpsInsideBlocksAndKeepsTheirBoundaries()
    {
        var program = ControlFlowPrograms.Fixture();
        new Fp16ComputePass().Run(program);
        Assert.Empty(MilVerifier.Verify(program));
        var cond = program.Main.Body.Operations.Single(o => o.Type == "cond");
        var loop = program.Main.Body.Operations.Single(o => o.Type == "while_loop");
        // The ops' own types stay: fp32 branch results and loop variables, as coremltools leaves them.
        Assert.Equal(DataType.Float32, cond.Output.DataType);
        Assert.Equal([DataType.Int32, DataType.Float32], loop.Outputs.Select(o => o.DataType));
        Assert.All(loop.Blocks[1].Inputs.Zip(loop.Outputs), p => Assert.Equal(p.Second.Type, p.First.Type));
        // Inside, the float ops compute in fp16 and casts sit at the block boundaries.
        var branch = cond.Blocks[0];
        Assert.Equal(DataType.Float16, branch.Operations.Single(o => o.Type == "mul").Output.DataType);
        Assert.Equal("cast", branch.Outputs[0].Producer!.Type);
        var body = loop.Blocks[1];
        Assert.All(body.Operations.Where(o => o.Type is "mul" or "slice_by_index"), o => Assert.Equal(DataType.Float16, o.Output.DataType));
        Assert.Contains(body.Operations, o => o.Type == "cast" && o.Input("x") == cond.Output);
        Assert.Contains(body.Operations, o => o.Type == "cast" && o.Input("x") == body.Inputs[1]);
        Assert.Equal(DataType.Float32, body.Outputs[1].DataType);
        Assert.Equal(DataType.Int32, body.Outputs[0].DataType);
        // The function's I/O is fp16 and keeps its names.
        Assert.Equal(DataType.Float16, program.Main.Inputs[0].DataType);
        Assert.Equal(("out", DataType.Float16), (program.Main.Body.Outputs[0].Name, program.Main.Body.Outputs[0].DataType));
        Assert.DoesNotContain(program.Main.AllOperations(), o => o.Type == "mul" && o.Output.DataType == DataType.Float32);
    }
}
