using MilForge.Mil.Passes;
using MilForge.Mil.Text;
using MilForge.Mil.Verification;

namespace MilForge.Mil.Tests;

public class DeadCodeEliminationTests
{
    [Fact]
    public void RemovesDeadChainsGolden()
    {
        var program = PrinterTests.SmallProgram();
        var main = program.Main;
        var b = new Building.MilBuilder(main.Body);
        var x = main.Inputs[0];
        // A dead chain (exp → sin → reduce_sum with its default consts), an unused const, and a dead op that reads
        // a live value.
        var e = b.Single("exp", new() { { "x", x } }, "dead_exp");
        var s = b.Single("sin", new() { { "x", e } }, "dead_sin");
        b.Single("reduce_sum", new() { { "x", s }, { "axes", new[] { 1 } } }, "dead_sum");
        b.Const(TestTensors.Uniform(4, [32]), "unused_weight");
        b.Single("relu", new() { { "x", main.Body.Outputs[0] } }, "dead_tail");
        var printer = new MilPrinter { ShowConstOps = true };
        var before = printer.Print(program);
        var pass = new DeadCodeElimination();
        Assert.True(pass.Run(program));
        Assert.False(pass.Run(program));
        Assert.Empty(MilVerifier.Verify(program));
        Assert.DoesNotContain(main.AllOperations(), o => o.Name.StartsWith("dead_", StringComparison.Ordinal) || o.Name.StartsWith("unused", StringComparison.Ordinal));
        Assert.Equal(PrinterTests.SmallProgram().Main.AllOperations().Count(), main.AllOperations().Count());
        Golden.AssertMatches("tests/MilForge.Mil.Tests/Golden/dce_before_after.txt", "# before\n" + before + "# after\n" + printer.Print(program));
    }

    [Fact]
    public void KeepsEverythingLiveAndReportsNoChange()
    {
        var program = PrinterTests.SmallProgram();
        var count = program.Main.AllOperations().Count();
        Assert.False(new DeadCodeElimination().Run(program));
        Assert.Equal(count, program.Main.AllOperations().Count());
    }
}
