using MilForge.Diagnostics;

namespace MilForge.Mil.Tests.Ops;

/// <summary>
/// Typing of depth_to_space / space_to_depth, space_to_batch / batch_to_space, reverse, l2_norm and
/// local_response_norm: shapes, symbolic dims, divisibility, ranks, dtypes and the iOS17 parameter dtypes.
/// </summary>
public class RearrangeAndLocalNormTests
{
    private static Tensor Margins(int a, int b, int c, int d) => Tensor.Create(new[] { a, b, c, d }, 2, 2);

    [Fact]
    public void DepthAndSpaceSwapChannelsAndSpace()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[1, 2, 8, 8]", h.Type("depth_to_space", new() { { "x", h.F32(1, 8, 4, 4) }, { "block_size", 2 } }));
        Assert.Equal("fp16[2, 18, 1, 2]", h.Type("space_to_depth", new() { { "x", h.F16(2, 2, 3, 6) }, { "block_size", 3 } }));
        Assert.StartsWith("fp32[n, 2, ", h.Type("depth_to_space", new() { { "x", h.F32("n", 8, "h", 4) }, { "block_size", 2 } }), StringComparison.Ordinal);
        h.Fails(DiagnosticCodes.MilBadShape, "depth_to_space", new() { { "x", h.F32(1, 6, 4, 4) }, { "block_size", 2 } });
        h.Fails(DiagnosticCodes.MilBadShape, "space_to_depth", new() { { "x", h.F32(1, 2, 5, 4) }, { "block_size", 2 } });
        h.Fails(DiagnosticCodes.MilBadShape, "space_to_depth", new() { { "x", h.F32(2, 4, 4) }, { "block_size", 2 } });
    }

    [Fact]
    public void SpaceAndBatchSwapBlocksWithPaddingsAndCrops()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[12, 3, 2, 2]", h.Type("space_to_batch", new() { { "x", h.F32(2, 3, 3, 5) }, { "block_shape", new[] { 2, 3 } }, { "paddings", Margins(1, 0, 0, 1) } }));
        Assert.Equal("fp32[2, 3, 3, 5]", h.Type("batch_to_space", new() { { "x", h.F32(12, 3, 2, 2) }, { "block_shape", new[] { 2, 3 } }, { "crops", Margins(1, 0, 0, 1) } }));
        Assert.StartsWith("fp16[", h.Type("batch_to_space", new() { { "x", h.F16("b", 1, 2, 2) }, { "block_shape", new[] { 2, 2 } }, { "crops", Margins(0, 0, 0, 0) } }), StringComparison.Ordinal);
        h.Fails(DiagnosticCodes.MilBadShape, "space_to_batch", new() { { "x", h.F32(1, 1, 3, 4) }, { "block_shape", new[] { 2, 2 } }, { "paddings", Margins(0, 0, 0, 0) } });
        h.Fails(DiagnosticCodes.MilBadShape, "batch_to_space", new() { { "x", h.F32(3, 1, 2, 2) }, { "block_shape", new[] { 2, 1 } }, { "crops", Margins(0, 0, 0, 0) } });
        h.Fails(DiagnosticCodes.MilBadShape, "batch_to_space", new() { { "x", h.F32(4, 1, 2, 2) }, { "block_shape", new[] { 2, 2 } }, { "crops", Margins(2, 2, 0, 0) } });
        h.Fails(DiagnosticCodes.MilBadShape, "space_to_batch", new() { { "x", h.F32(1, 1, 4, 4) }, { "block_shape", new[] { 2, 2, 1 } }, { "paddings", Margins(0, 0, 0, 0) } });
    }

    [Fact]
    public void ReverseKeepsTypeAndChecksAxes()
    {
        var h = new MilHarness();
        Assert.Equal("int32[2, 3]", h.Type("reverse", new() { { "x", h.I32(2, 3) }, { "axes", new[] { -1 } } }));
        Assert.Equal("fp16[4]", h.Type("reverse", new() { { "x", h.F16(4) } }));
        h.Fails(DiagnosticCodes.MilBadShape, "reverse", new() { { "x", h.F32(2, 3) }, { "axes", new[] { 2 } } });
    }

    [Fact]
    public void LocalNormsKeepTheShapeAndCheckRanks()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[2, 3, 4, 5]", h.Type("l2_norm", new() { { "x", h.F32(2, 3, 4, 5) } }));
        Assert.Equal("fp16[3, 4, 5]", h.Type("local_response_norm", new() { { "x", h.F16(3, 4, 5) }, { "size", 3 } }));
        h.Fails(DiagnosticCodes.MilBadShape, "l2_norm", new() { { "x", h.F32(4, 5) } });
        h.Fails(DiagnosticCodes.MilBadShape, "local_response_norm", new() { { "x", h.F32(1, 2, 3, 4, 5) }, { "size", 3 } });
        h.Fails(DiagnosticCodes.MilBadShape, "local_response_norm", new() { { "x", h.F32(1, 2, 3, 4) }, { "size", 0 } });
    }

    [Fact]
    public void Ios17LetsNormParametersHaveTheirOwnFloatType()
    {
        var fp32Alpha = Tensor.FromFloats([1e-3f], [], DataType.Float32);
        var ios17 = new MilHarness(DeploymentTarget.iOS17);
        Assert.Equal("fp16[1, 4, 2, 2]", ios17.Type("local_response_norm", new() { { "x", ios17.F16(1, 4, 2, 2) }, { "size", 2 }, { "alpha", fp32Alpha } }));
        Assert.Equal("fp16[1, 4, 2]", ios17.Type("l2_norm", new() { { "x", ios17.F16(1, 4, 2) }, { "epsilon", fp32Alpha } }));
        var ios16 = new MilHarness(DeploymentTarget.iOS16);
        ios16.Fails(DiagnosticCodes.MilTypeMismatch, "l2_norm", new() { { "x", ios16.F16(1, 4, 2) }, { "epsilon", fp32Alpha } });
    }
}
