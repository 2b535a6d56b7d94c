using MilForge.Mil;
using MilForge.Mil.Passes.Fp16;

namespace MilForge.Runtime.Tests;

/// <summary>The interpreter on <c>cond</c> and <c>while_loop</c>: both branches, loop results, growing loop variables, listener calls inside blocks, FP16.</summary>
public class ControlFlowInterpreterTests
{
    private sealed class OpCounter : IInterpreterListener
    {
        public List<string> After { get; } = [];

        public void AfterOp(Operation op, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs) => After.Add(op.Name);
    }

    private static Tensor Input(float sign) =>
        Tensor.Create([.. Enumerable.Range(0, 24).Select(i => sign * ((i % 5) - 1.5f) * 0.7f)], 1, 4, 6);

    [Theory]
    [InlineData(1f)]
    [InlineData(-1f)]
    public void RunsTheTakenBranchAndTheLoop(float sign)
    {
        var x = Input(sign);
        var result = new MilInterpreter().Run(ControlFlowPrograms.Fixture(), new Dictionary<string, Tensor> { ["x"] = x })["out"];
        Assert.Equal([1, 4], result.Shape);
        var expected = ControlFlowPrograms.FixtureReference(x);
        var actual = result.AsFloats();
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 5);
        }
    }

    [Fact]
    public void ListenerSeesTheOpsInsideBlocksEachTimeTheyRun()
    {
        var counter = new OpCounter();
        new MilInterpreter().Run(ControlFlowPrograms.Fixture(), new Dictionary<string, Tensor> { ["x"] = Input(1f) }, new RunOptions { Listener = counter });
        Assert.Single(counter.After, "doubled");
        Assert.DoesNotContain("shifted", counter.After);
        Assert.Equal(6, counter.After.Count(n => n == "column"));
        Assert.Equal(7, counter.After.Count(n => n == "more"));
        Assert.True(counter.After.IndexOf("column") < counter.After.IndexOf("loop"));
    }

    [Fact]
    public void LoopVariableGrowsAcrossIterations()
    {
        var result = new MilInterpreter().Run(ControlFlowPrograms.Growing(8), new Dictionary<string, Tensor> { ["x"] = Tensor.Create([0.5f], 1) })["out"];
        Assert.Equal([0.5f, 1.5f, 1.5f, 2.5f, 1.5f, 2.5f, 2.5f, 3.5f], result.AsFloats());
    }

    [Fact]
    public void Fp16ProgramComputesInsideBlocksInHalfPrecision()
    {
        var x = Input(1f);
        var program = ControlFlowPrograms.Fixture();
        new Fp16ComputePass().Run(program);
        var result = new MilInterpreter().Run(program, new Dictionary<string, Tensor> { ["x"] = x })["out"];
        Assert.Equal(DataType.Float16, result.DataType);
        var expected = ControlFlowPrograms.FixtureReference(x);
        var actual = result.AsFloats();
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.InRange(actual[i], expected[i] - 0.01f, expected[i] + 0.01f);
        }
    }
}
