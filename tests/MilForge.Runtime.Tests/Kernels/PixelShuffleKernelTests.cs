namespace MilForge.Runtime.Tests.Kernels;

/// <summary>pixel_shuffle / pixel_unshuffle against PyTorch's index definition, and their round trip.</summary>
public class PixelShuffleKernelTests
{
    [Theory]
    [InlineData(1, 8, 2, 3, 2)]
    [InlineData(2, 9, 2, 1, 3)]
    [InlineData(1, 3, 2, 2, 1)]
    public void ShuffleMovesChannelBlocksIntoSpace(int n, int c, int h, int w, int f)
    {
        int[] shape = [n, c, h, w];
        var x = Tensor.FromDoubles([.. Enumerable.Range(1, Reference.Count(shape)).Select(v => (double)v)], shape, DataType.Float32);
        int[] outShape = [n, c / (f * f), h * f, w * f];
        // out[b, ch, y, z] = in[b, ch·f² + (y mod f)·f + (z mod f), y / f, z / f]
        var map = Reference.Indices(outShape).Select(o => Reference.Flat(shape, [o[0], (o[1] * f * f) + (o[2] % f * f) + (o[3] % f), o[2] / f, o[3] / f])).ToList();
        var y = KernelHarness.Op("pixel_shuffle", new() { { "x", x }, { "upscale_factor", f } });
        Reference.AssertGathered(x, outShape, map, y);
        var back = KernelHarness.Op("pixel_unshuffle", new() { { "x", y }, { "downscale_factor", Tensor.Scalar((uint)f) } });
        Assert.Equal(shape, back.Shape);
        Assert.Equal(x.AsFloats(), back.AsFloats());
    }
}
