using MilForge.Diagnostics;

namespace MilForge.Mil.Tests.Ops;

/// <summary>Typing of the constexpr_* decompression ops and of quantize/dequantize (coremltools' rules).</summary>
public class QuantizationTests
{
    private static Tensor U32(params long[] values) => Tensor.FromLongs(values, [values.Length], DataType.UInt32);

    [Fact]
    public void AffineDequantizeTakesTheScaleTypeAndChecksVectors()
    {
        var h = new MilHarness();
        var data = Tensor.Create(new sbyte[6], 2, 3);
        Assert.Equal("fp16[2, 3]", h.Type("constexpr_affine_dequantize", new()
        {
            { "quantized_data", data }, { "zero_point", Tensor.Vector(new sbyte[3]) }, { "scale", Tensor.Vector(new Half[3]) }, { "axis", Tensor.Scalar(-1) },
        }));
        h.Fails(DiagnosticCodes.MilBadShape, "constexpr_affine_dequantize", new()
        {
            { "quantized_data", data }, { "zero_point", Tensor.Scalar((sbyte)0) }, { "scale", Tensor.Vector(new float[3]) }, { "axis", Tensor.Scalar(0) },
        });
        h.Fails(DiagnosticCodes.MilNotConstant, "constexpr_affine_dequantize", new()
        {
            { "quantized_data", h.Input(DataType.Int8, 2, 3) }, { "zero_point", Tensor.Scalar((sbyte)0) }, { "scale", 1f }, { "axis", Tensor.Scalar(0) },
        });
    }

    [Fact]
    public void ConstexprOutputsCountAsConstantsAndAreNotFolded()
    {
        var h = new MilHarness();
        h.Builder.Folder = new FoldEverything();
        var w = h.Builder.Single("constexpr_cast", new() { { "source_val", Tensor.Create(new Half[6], 2, 3) }, { "output_dtype", "fp32" } });
        Assert.Equal("constexpr_cast", w.Producer!.Type);
        Assert.Equal("fp32[1, 2]", h.Type("linear", new() { { "x", h.F32(1, 3) }, { "weight", w } }));
        h.Fails(DiagnosticCodes.MilTypeMismatch, "constexpr_cast", new() { { "source_val", Tensor.Vector(new Half[1]) }, { "output_dtype", "int32" } });
    }

    [Fact]
    public void LutToDenseChecksPaletteAndPacking()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[5]", h.Type("constexpr_lut_to_dense", new() { { "indices", Tensor.Vector(new byte[2]) }, { "lut", Tensor.Vector(new float[4]) }, { "shape", U32(5) } }));
        h.Fails(DiagnosticCodes.MilBadShape, "constexpr_lut_to_dense", new() { { "indices", Tensor.Vector(new byte[3]) }, { "lut", Tensor.Vector(new float[4]) }, { "shape", U32(5) } });
        h.Fails(DiagnosticCodes.MilBadShape, "constexpr_lut_to_dense", new() { { "indices", Tensor.Vector(new byte[2]) }, { "lut", Tensor.Vector(new float[3]) }, { "shape", U32(5) } });
        var h18 = new MilHarness(DeploymentTarget.iOS18);
        var indices = Tensor.FromLongs(new long[12], [6, 2], DataType.UInt2);
        Assert.Equal("fp16[6, 6]", h18.Type("constexpr_lut_to_dense", new()
        {
            { "indices", indices }, { "lut", Tensor.Create(new Half[24], 2, 1, 4, 3) }, { "vector_axis", Tensor.Scalar(1) },
        }));
        h18.Fails(DiagnosticCodes.MilBadShape, "constexpr_lut_to_dense", new() { { "indices", indices }, { "lut", Tensor.Create(new Half[16], 1, 1, 16, 1) } });
        h18.Fails(DiagnosticCodes.MilMalformed, "constexpr_lut_to_dense", new() { { "indices", indices }, { "lut", Tensor.Create(new Half[8], 1, 1, 4, 2) } });
    }

    [Fact]
    public void SparseToDenseCountsMaskBits()
    {
        var h = new MilHarness();
        Assert.Equal("fp16[2, 3]", h.Type("constexpr_sparse_to_dense", new()
        {
            { "nonzero_data", Tensor.Vector(new Half[3]) }, { "mask", Tensor.Vector(new byte[] { 0b011001 }) }, { "shape", U32(2, 3) },
        }));
        h.Fails(DiagnosticCodes.MilBadShape, "constexpr_sparse_to_dense", new()
        {
            { "nonzero_data", Tensor.Vector(new Half[2]) }, { "mask", Tensor.Vector(new byte[] { 0b011001 }) }, { "shape", U32(2, 3) },
        });
        h.Fails(DiagnosticCodes.MilMalformed, "constexpr_sparse_to_dense", new()
        {
            { "nonzero_data", Tensor.Vector(new Half[3]) }, { "mask", Tensor.Vector(new byte[] { 0b1000011 }) }, { "shape", U32(2, 3) },
        });
        var h18 = new MilHarness(DeploymentTarget.iOS18);
        Assert.Equal("int4[2, 2]", h18.Type("constexpr_sparse_to_dense", new()
        {
            { "nonzero_data", Tensor.FromLongs([1], [1], DataType.Int4) }, { "mask", Tensor.FromLongs([0, 0, 1, 0], [2, 2], DataType.UInt1) },
        }));
    }

    [Fact]
    public void BlockwiseShiftScaleNeedsIos18AndDividingBlocks()
    {
        var data = Tensor.FromLongs(new long[8], [2, 4], DataType.Int4);
        MilHarness.Fails(DiagnosticCodes.MilOpUnavailable, () => new MilHarness(DeploymentTarget.iOS17).Builder.Build("constexpr_blockwise_shift_scale",
            new() { { "data", data }, { "scale", Tensor.Create(new float[2], 2, 1) } }));
        var h = new MilHarness(DeploymentTarget.iOS18);
        Assert.Equal("fp32[2, 4]", h.Type("constexpr_blockwise_shift_scale", new() { { "data", data }, { "scale", Tensor.Create(new float[4], 2, 2) } }));
        h.Fails(DiagnosticCodes.MilBadShape, "constexpr_blockwise_shift_scale", new() { { "data", data }, { "scale", Tensor.Create(new float[3], 1, 3) } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "constexpr_blockwise_shift_scale", new()
        {
            { "data", data }, { "scale", Tensor.Create(new float[2], 2, 1) }, { "offset", Tensor.Create(new sbyte[2], 2, 1) },
        });
    }

    [Fact]
    public void QuantizeAndDequantizeFollowTheirScaleRules()
    {
        var h = new MilHarness(DeploymentTarget.iOS17);
        var x = h.F32(2, 3);
        Assert.Equal("uint8[2, 3]", h.Type("quantize", new() { { "input", x }, { "scale", 0.1f }, { "zero_point", Tensor.Scalar((byte)3) }, { "output_dtype", "uint8" } }));
        h.Fails(DiagnosticCodes.MilTypeMismatch, "quantize", new() { { "input", x }, { "scale", 0.1f }, { "zero_point", Tensor.Scalar((byte)3) }, { "output_dtype", "int8" } });
        h.Fails(DiagnosticCodes.MilMalformed, "quantize", new() { { "input", x }, { "scale", Tensor.Vector(new[] { 1f, 1f, 1f }) }, { "output_dtype", "int8" } });
        h.Fails(DiagnosticCodes.MilMalformed, "quantize", new() { { "input", x }, { "scale", 0f }, { "output_dtype", "int8" } });
        var q = h.Builder.Single("quantize", new() { { "input", x }, { "scale", Tensor.Vector(new[] { 1f, 2f, 3f }) }, { "axis", Tensor.Scalar(1) }, { "output_dtype", "int8" } });
        Assert.Equal("fp32[2, 3]", h.Type("dequantize", new() { { "input", q }, { "scale", Tensor.Vector(new[] { 1f, 2f, 3f }) }, { "axis", Tensor.Scalar(-1) } }));
        h.Fails(DiagnosticCodes.MilBadShape, "dequantize", new() { { "input", q }, { "scale", Tensor.Vector(new[] { 1f, 2f }) }, { "axis", Tensor.Scalar(1) } });
        MilHarness.Fails(DiagnosticCodes.MilOpUnavailable, () => new MilHarness().Builder.Build("quantize",
            new() { { "input", x }, { "scale", 0.1f }, { "output_dtype", "int8" } }));
    }

    /// <summary>A folder that would fold any op; constexpr ops must still not be folded.</summary>
    private sealed class FoldEverything : Mil.Ops.IConstantFolder
    {
        public IReadOnlyList<Tensor>? TryFold(Operation op) => [.. op.Outputs.Select(o => Tensor.Zeros(o.DataType, o.Shape.ToStatic()))];
    }
}
