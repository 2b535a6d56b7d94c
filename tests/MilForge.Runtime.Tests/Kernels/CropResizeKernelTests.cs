using MilForge.Mil;
using MilForge.Mil.Building;

namespace MilForge.Runtime.Tests.Kernels;

/// <summary>
/// crop_resize on x = 3·row + column (bilinear sampling of a linear ramp is exact), so each expected value is
/// 3·y + z at the hand-computed sample position.
/// </summary>
public class CropResizeKernelTests
{
    private static Tensor Ramp(int batch) =>
        Tensor.FromDoubles([.. Enumerable.Range(0, batch * 9).Select(v => (double)v)], [batch, 1, 3, 3], DataType.Float32);

    private static Tensor Roi(params float[] values) => Tensor.FromFloats(values, [1, 1, values.Length, 1, 1], DataType.Float32);

    private static Tensor Run(DeploymentTarget target, OpArgs args)
    {
        var h = new KernelHarness(target);
        return h.Run(h.Builder.Single("crop_resize", args));
    }

    private static OpArgs Args(Tensor x, string key, Tensor boxes, string mode, int size = 2) =>
        new() { { "x", x }, { key, boxes }, { "target_height", size }, { "target_width", size }, { "sampling_mode", Tensor.Scalar(mode) } };

    [Theory]
    [InlineData("ALIGN_CORNERS", new float[] { 0, 2, 6, 8 })] // samples at 0 and 2
    [InlineData("DEFAULT", new float[] { 0, 1, 3, 4 })] // 0 and 2/2
    [InlineData("OFFSET_CORNERS", new float[] { 2, 3, 5, 6 })] // 0.5 and 1.5
    [InlineData("UNALIGN_CORNERS", new float[] { 0, 1, 3, 4 })] // 0.5 − 0.5 and 1.5 − 0.5
    public void SamplingModesLayTheGridOverTheBox(string mode, float[] expected)
    {
        var y = Run(DeploymentTarget.iOS15, Args(Ramp(1), "roi", Roi(0, 0, 2, 2), mode));
        Assert.Equal([1, 1, 1, 2, 2], y.Shape);
        Assert.Equal(expected, y.AsFloats());
    }

    [Fact]
    public void BoxModesScalesAndBatchIndicesPickTheRegion()
    {
        var align = "ALIGN_CORNERS";
        var widthFirst = Args(Ramp(1), "roi", Roi(1, 0, 2, 2), align);
        widthFirst.Add("box_coordinate_mode", Tensor.Scalar("CORNERS_WIDTH_FIRST"));
        Assert.Equal([1f, 2, 7, 8], Run(DeploymentTarget.iOS15, widthFirst).AsFloats());
        var center = Args(Ramp(1), "roi", Roi(1, 1, 2, 2), align);
        center.Add("box_coordinate_mode", Tensor.Scalar("CENTER_SIZE_HEIGHT_FIRST"));
        Assert.Equal([0f, 2, 6, 8], Run(DeploymentTarget.iOS15, center).AsFloats());
        var normalized = Args(Ramp(1), "roi", Roi(0, 0, 0.5f, 1), align);
        normalized.Add("normalized_coordinates", true);
        Assert.Equal([0f, 2, 3, 5], Run(DeploymentTarget.iOS15, normalized).AsFloats());
        var scaled = Args(Ramp(1), "roi", Roi(0, 0, 4, 4), align);
        scaled.Add("spatial_scale", Tensor.Scalar(0.5f));
        Assert.Equal([0f, 2, 6, 8], Run(DeploymentTarget.iOS15, scaled).AsFloats());
        var indexed = Run(DeploymentTarget.iOS15, Args(Ramp(2), "roi", Roi(1, 0, 0, 2, 2), align));
        Assert.Equal([1, 1, 1, 2, 2], indexed.Shape);
        Assert.Equal([9f, 11, 15, 17], indexed.AsFloats());
        var everyImage = Run(DeploymentTarget.iOS15, Args(Ramp(2), "roi", Roi(0, 0, 2, 2), align));
        Assert.Equal([1, 2, 1, 2, 2], everyImage.Shape);
        Assert.Equal([0f, 2, 6, 8, 9, 11, 15, 17], everyImage.AsFloats());
    }

    [Fact]
    public void SamplesOutsideTheImageReadPadValue()
    {
        var args = Args(Ramp(1), "roi", Roi(0, 0, 4, 4), "ALIGN_CORNERS");
        args.Add("pad_value", Tensor.FromFloats([9f], [], DataType.Float32));
        Assert.Equal([0f, 9, 9, 9], Run(DeploymentTarget.iOS16, args).AsFloats());
    }

    [Fact]
    public void Ios17TakesBoxesAndBoxIndices()
    {
        var boxes = Tensor.FromFloats([0, 0, 2, 2, 0, 1, 2, 2], [2, 4], DataType.Float32);
        var args = Args(Ramp(2), "boxes", boxes, "ALIGN_CORNERS");
        args.Add("box_indices", Tensor.Vector(1, 0));
        var y = Run(DeploymentTarget.iOS17, args);
        Assert.Equal([2, 1, 2, 2], y.Shape);
        Assert.Equal([9f, 11, 15, 17, 1, 2, 7, 8], y.AsFloats());
        var byDefault = Run(DeploymentTarget.iOS17, Args(Ramp(2), "boxes", boxes, "ALIGN_CORNERS"));
        Assert.Equal([0f, 2, 6, 8, 10, 11, 16, 17], byDefault.AsFloats());
    }
}
