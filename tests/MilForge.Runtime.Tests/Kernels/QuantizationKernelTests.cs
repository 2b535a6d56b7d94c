using MilForge.Mil;

namespace MilForge.Runtime.Tests.Kernels;

/// <summary>
/// The decompressing constexpr_* kernels and quantize/dequantize on small hand-computed cases, including the
/// examples of coremltools' op documentation (LSB-first packing, per-group and vector palettes).
/// </summary>
public class QuantizationKernelTests
{
    private static Tensor U32(params long[] values) => Tensor.FromLongs(values, [values.Length], DataType.UInt32);

    private static Tensor Run(DeploymentTarget target, string op, Mil.Building.OpArgs args)
    {
        var h = new KernelHarness(target);
        return h.Run(h.Builder.Single(op, args));
    }

    [Fact]
    public void AffineDequantizeIsPerAxisScaleTimesDataMinusZeroPoint()
    {
        var y = KernelHarness.Op("constexpr_affine_dequantize", new()
        {
            { "quantized_data", Tensor.Create(new sbyte[] { -128, 0, 127, 10, 20, 30 }, 2, 3) },
            { "zero_point", Tensor.Vector(new sbyte[] { 0, 10 }) },
            { "scale", Tensor.Vector(new[] { 0.5f, 2f }) },
            { "axis", Tensor.Scalar(0) },
        });
        Assert.Equal([-64f, 0f, 63.5f, 0f, 20f, 40f], y.AsFloats());
    }

    [Fact]
    public void LutToDenseIos16UnpacksLsbFirstIndices()
    {
        // coremltools' example: 2-bit indices [0, 3, 2, 1, 3] packed as 0b01_10_11_00, 0b000000_11.
        var y = KernelHarness.Op("constexpr_lut_to_dense", new()
        {
            { "indices", Tensor.Vector(new byte[] { 0b01_10_11_00, 0b11 }) },
            { "lut", Tensor.Vector(new[] { 10f, 11f, 12f, 13f }) },
            { "shape", U32(5) },
        });
        Assert.Equal([10f, 13f, 12f, 11f, 13f], y.AsFloats());
    }

    [Fact]
    public void LutToDenseIos18UsesOnePalettePerGroup()
    {
        // coremltools' example "per-group scalar palettization": uint2 indices [6, 2], two palettes over the rows.
        var y = Run(DeploymentTarget.iOS18, "constexpr_lut_to_dense", new()
        {
            { "indices", Tensor.FromLongs([2, 3, 3, 0, 1, 0, 3, 0, 2, 1, 0, 3], [6, 2], DataType.UInt2) },
            { "lut", Tensor.FromDoubles([1, 5, 9, 13, 2, 10, 18, 26], [2, 1, 4, 1], DataType.Float16) },
        });
        Assert.Equal([9f, 13f, 13f, 1f, 5f, 1f, 26f, 2f, 18f, 10f, 2f, 26f], y.AsFloats());
    }

    [Theory]
    [InlineData(1, new[] { 2, 6, 2 }, new float[] { 0, 0, 1, 1, 2, 2, 10, 0, 11, 1, 12, 2, 10, 10, 11, 11, 12, 12, 0, 0, 1, 1, 2, 2 })]
    [InlineData(2, new[] { 2, 2, 6 }, new float[] { 0, 1, 2, 0, 1, 2, 10, 11, 12, 0, 1, 2, 10, 11, 12, 10, 11, 12, 0, 1, 2, 0, 1, 2 })]
    public void LutToDenseIos18LaysVectorsAlongTheVectorAxis(int axis, int[] shape, float[] expected)
    {
        // coremltools' example "vector palettization": uint1 indices [2, 2, 2], centroids a = [0, 1, 2], b = [10, 11, 12].
        var y = Run(DeploymentTarget.iOS18, "constexpr_lut_to_dense", new()
        {
            { "indices", Tensor.FromLongs([0, 0, 1, 0, 1, 1, 0, 0], [2, 2, 2], DataType.UInt1) },
            { "lut", Tensor.FromDoubles([0, 1, 2, 10, 11, 12], [1, 1, 1, 2, 3], DataType.Float32) },
            { "vector_axis", Tensor.Scalar(axis) },
        });
        Assert.Equal(shape, y.Shape);
        Assert.Equal(expected, y.AsFloats());
    }

    [Fact]
    public void SparseToDenseFillsSetBitsInOrder()
    {
        var ios16 = KernelHarness.Op("constexpr_sparse_to_dense", new()
        {
            { "nonzero_data", Tensor.Vector(new[] { 1f, 2f, 3f }) },
            { "mask", Tensor.Vector(new byte[] { 0b0_1100_1 }) },
            { "shape", U32(2, 3) },
        });
        Assert.Equal([1f, 0f, 0f, 2f, 3f, 0f], ios16.AsFloats());
        var ios18 = Run(DeploymentTarget.iOS18, "constexpr_sparse_to_dense", new()
        {
            { "nonzero_data", Tensor.FromLongs([-8, 7], [2], DataType.Int4) },
            { "mask", Tensor.FromLongs([0, 1, 0, 1], [2, 2], DataType.UInt1) },
        });
        Assert.Equal(DataType.Int4, ios18.DataType);
        Assert.Equal([0L, -8L, 0L, 7L], ios18.AsLongs());
    }

    [Fact]
    public void BlockwiseShiftScaleAppliesOneScaleAndOffsetPerBlock()
    {
        var y = Run(DeploymentTarget.iOS18, "constexpr_blockwise_shift_scale", new()
        {
            { "data", Tensor.FromLongs([1, 2, 3, 4, -1, -2, -3, -4], [2, 4], DataType.Int4) },
            { "scale", Tensor.Create(new[] { 1f, 10f, 100f, 1000f }, 2, 2) },
            { "offset", Tensor.FromLongs([1, 0, 0, -4], [2, 2], DataType.Int4) },
        });
        Assert.Equal([0f, 1f, 30f, 40f, -100f, -200f, 1000f, 0f], y.AsFloats());
    }

    [Fact]
    public void QuantizeRoundsHalfToEvenAndSaturates()
    {
        var h = new KernelHarness(DeploymentTarget.iOS17);
        var x = h.In(Tensor.Vector(new[] { 0.5f, 1.5f, 2.5f, -0.5f, -1000f, 1000f }));
        var q = h.Builder.Single("quantize", new() { { "input", x }, { "scale", 1f }, { "zero_point", Tensor.Scalar((sbyte)0) }, { "output_dtype", "int8" } });
        var u = h.Builder.Single("quantize", new() { { "input", x }, { "scale", 0.5f }, { "zero_point", Tensor.Scalar((byte)128) }, { "output_dtype", "uint8" } });
        var d = h.Builder.Single("dequantize", new() { { "input", u }, { "scale", 0.5f }, { "zero_point", Tensor.Scalar((byte)128) } });
        var results = h.Run([q, u, d]);
        Assert.Equal([0L, 2L, 2L, 0L, -128L, 127L], results[0].AsLongs());
        Assert.Equal([129L, 131L, 133L, 127L, 0L, 255L], results[1].AsLongs());
        Assert.Equal([0.5f, 1.5f, 2.5f, -0.5f, -64f, 63.5f], results[2].AsFloats());
    }
}
