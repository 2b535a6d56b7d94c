using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Runtime.Kernels;

namespace MilForge.Runtime.Tests;

public class ConstantFolderTests
{
    private static MilBuilder Builder(KernelConstantFolder folder, out Function main)
    {
        main = MilProgram.WithMain(DeploymentTarget.iOS16).Main;
        return new MilBuilder(main.Body, folder: folder);
    }

    [Fact]
    public void FoldsOpsWhoseInputsAreAllConstant()
    {
        var b = Builder(new KernelConstantFolder(), out var main);
        var sum = b.Single("add", new() { { "x", Tensor.Vector(1f, 2f) }, { "y", 0.5f } }, "sum");
        Assert.True(sum.IsConstant);
        Assert.Equal("sum", sum.Name);
        Assert.Equal([1.5f, 2.5f], sum.ConstantValue!.AsFloats());
        var shape = b.Single("shape", new() { { "x", sum } });
        Assert.Equal([2], shape.ConstantValue!.Storage<int>());
        var reshaped = b.Single("reshape", new() { { "x", Tensor.Vector(1, 2, 3, 4, 5, 6) }, { "shape", new[] { 3, -1 } } });
        Assert.Equal([3, 2], reshaped.ConstantValue!.Shape);
        Assert.All(main.Body.Operations, o => Assert.True(o.IsConst));
    }

    [Fact]
    public void FoldingAChainLeavesOnlyConstsAndKeepsTypes()
    {
        var b = Builder(new KernelConstantFolder(), out _);
        var h = b.Single("cast", new() { { "x", Tensor.Vector(2049f, 0.1f) }, { "dtype", "fp16" } });
        Assert.Equal(DataType.Float16, h.DataType);
        Assert.Equal([2048f, (float)(Half)0.1f], h.ConstantValue!.AsFloats());
        var parts = b.Build("split", new() { { "x", Tensor.Vector(1, 2, 3, 4) }, { "num_splits", 2 }, { "axis", 0 } });
        Assert.All(parts, p => Assert.True(p.IsConstant));
        Assert.Equal([3, 4], parts[1].ConstantValue!.Storage<int>());
    }

    [Fact]
    public void DoesNotFoldRuntimeInputsLargeResultsOrOpsWithoutKernels()
    {
        var b = Builder(new KernelConstantFolder { MaxElements = 4 }, out var main);
        var x = main.AddInput("x", TensorType.Of(DataType.Float32, 2));
        Assert.False(b.Single("relu", new() { { "x", x } }).IsConstant);
        Assert.False(b.Single("fill", new() { { "shape", new[] { 5 } } }).IsConstant);
        Assert.True(b.Single("fill", new() { { "shape", new[] { 4 } } }).IsConstant);
        var noKernels = Builder(new KernelConstantFolder(new KernelRegistry([])), out _);
        Assert.False(noKernels.Single("add", new() { { "x", 1f }, { "y", 2f } }).IsConstant);
    }
}
