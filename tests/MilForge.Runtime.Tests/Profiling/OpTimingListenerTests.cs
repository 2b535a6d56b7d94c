using MilForge.Runtime.Profiling;

namespace MilForge.Runtime.Tests.Profiling;

public class OpTimingListenerTests
{
    [Fact]
    public void CountsEveryNonConstOpByTypeAndDtypeOverRuns()
    {
        var h = new KernelHarness();
        var x = h.In(Tensor.Create(new[] { 1f, -2f, 3f, -4f }, 2, 2));
        var relu = h.Builder.Single("relu", new() { { "x", x } });
        var sum = h.Builder.Single("add", new() { { "x", relu }, { "y", Tensor.Create(new[] { 1f, 1f }, 2) } });
        var y = h.Builder.Single("relu", new() { { "x", sum } });
        h.Program.Main.Body.AddOutput(y);
        var timing = new OpTimingListener();
        for (var run = 0; run < 3; run++)
        {
            new MilInterpreter().Run(h.Program, h.Feeds, new RunOptions { Listener = timing });
        }

        Assert.Equal(["add fp32", "relu fp32"], timing.ByType.Select(t => t.OpType).Order(StringComparer.Ordinal));
        Assert.Equal(6, timing.ByType.Single(t => t.OpType == "relu fp32").Calls);
        Assert.Equal(3, timing.ByType.Single(t => t.OpType == "add fp32").Calls);
        Assert.Equal(3, timing.ByOp.Count);
        Assert.DoesNotContain(timing.ByOp, kv => kv.Key.IsConst);
        Assert.All(timing.ByType, t => Assert.True(t.Elapsed >= TimeSpan.Zero));
        Assert.Equal(timing.ByType.Sum(t => t.Elapsed.Ticks), timing.Total.Ticks);
        Assert.True(timing.ByType.Zip(timing.ByType.Skip(1)).All(p => p.First.Elapsed >= p.Second.Elapsed), "not slowest first");
    }
}
