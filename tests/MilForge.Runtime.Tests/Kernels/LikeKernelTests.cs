using MilForge.Mil;

namespace MilForge.Runtime.Tests.Kernels;

/// <summary><c>fill_like</c> and <c>reshape_like</c> on hand-worked values.</summary>
public class LikeKernelTests
{
    [Fact]
    public void FillLikeFillsTheShapeOfRefTensorWithValue()
    {
        var y = KernelHarness.Op("fill_like", new() { { "ref_tensor", Tensor.Create(new[] { 1f, 2f, 3f, 4f, 5f, 6f }, 2, 3) }, { "value", 7 } });
        Assert.Equal(DataType.Int32, y.DataType);
        Assert.Equal([2, 3], y.ShapeArray());
        Assert.Equal([7, 7, 7, 7, 7, 7], y.AsInts());
        var zeros = KernelHarness.Op("fill_like", new() { { "ref_tensor", Tensor.Create(new[] { true, false }, 2) } });
        Assert.Equal(DataType.Float32, zeros.DataType);
        Assert.Equal([0f, 0f], zeros.AsFloats());
    }

    [Fact]
    public void ReshapeLikeKeepsTheDataInOrder()
    {
        var h = new KernelHarness();
        Value I(int v) => h.Builder.Const(Tensor.Scalar(v));
        Value B(bool v) => h.Builder.Const(Tensor.Scalar(v));
        var y = h.Run(h.Builder.Single("reshape_like", new()
        {
            { "x", h.In(Tensor.Create(new[] { 1, 2, 3, 4, 5, 6 }, 6)) },
            { "ref_tensors", new[] { h.In(Tensor.Zeros(DataType.Float32, [5, 2])), h.In(Tensor.Zeros(DataType.Float32, [3, 8])) } },
            { "begins", new[] { I(1), I(0) } },
            { "ends", new[] { I(0), I(1) } },
            { "end_masks", new[] { B(true), B(false) } },
        }));
        Assert.Equal([2, 3], y.ShapeArray());
        Assert.Equal([1, 2, 3, 4, 5, 6], y.AsInts());
    }
}
