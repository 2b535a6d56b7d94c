using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests.Kernels;

/// <summary><c>slice_update</c> on hand-worked values.</summary>
public class SliceUpdateKernelTests
{
    private static Tensor Run(OpArgs args)
    {
        var h = new KernelHarness(DeploymentTarget.iOS18);
        var bound = new OpArgs();
        foreach (var (name, arg) in args)
        {
            bound.Add(name, name is "x" or "update" && arg.Constant is { } t ? h.In(t) : arg);
        }
        return h.Run(h.Builder.Single("slice_update", bound));
    }

    [Fact]
    public void WritesTheStridedSliceAndKeepsTheRest()
    {
        // x = 0..11 as [3, 4]; rows 0 and 2 (stride 2), columns 1..2 get 100, 101 / 102, 103.
        var y = Run(new()
        {
            { "x", Tensor.Create(Enumerable.Range(0, 12).Select(v => (float)v).ToArray(), 3, 4) },
            { "update", Tensor.Create(new[] { 100f, 101f, 102f, 103f }, 2, 2) },
            { "begin", new[] { 0, 1 } }, { "end", new[] { 3, 3 } }, { "stride", new[] { 2, 1 } },
        });
        Assert.Equal([0f, 100f, 101f, 3f, 4f, 5f, 6f, 7f, 8f, 102f, 103f, 11f], y.AsFloats());
    }

    [Fact]
    public void NegativeStridesAndSqueezedDimsWriteInSliceOrder()
    {
        // Row -1 (squeezed), columns from the end backwards: update [7, 8, 9] lands at columns 2, 1, 0 of row 1.
        var y = Run(new()
        {
            { "x", Tensor.Create(new int[6], 2, 3) },
            { "update", Tensor.Create(new[] { 7, 8, 9 }, 3) },
            { "begin", new[] { -1, 0 } }, { "end", new[] { 0, 0 } }, { "stride", new[] { 1, -1 } },
            { "begin_mask", new[] { false, true } }, { "end_mask", new[] { false, true } }, { "squeeze_mask", new[] { true, false } },
        });
        Assert.Equal([0, 0, 0, 9, 8, 7], y.AsInts());
    }
}
