using MilForge.Diagnostics;

namespace MilForge.Mil.Tests.Ops;

public class NormalizationTests
{
    [Fact]
    public void BatchNorm()
    {
        var h = new MilHarness();
        var c = new float[3];
        Assert.Equal("fp32[2, 3, 4, 4]", h.Type("batch_norm", new() { { "x", h.F32(2, 3, 4, 4) }, { "mean", c }, { "variance", c } }));
        Assert.Equal("fp32[b, 3, 5]", h.Type("batch_norm", new() { { "x", h.F32("b", 3, 5) }, { "mean", c }, { "variance", c }, { "gamma", c }, { "beta", c } }));
        h.Fails(DiagnosticCodes.MilBadShape, "batch_norm", new() { { "x", h.F32(2, 3) }, { "mean", c }, { "variance", c } });
        h.Fails(DiagnosticCodes.MilBadShape, "batch_norm", new() { { "x", h.F32(2, 4, 5) }, { "mean", c }, { "variance", c } });
        h.Fails(DiagnosticCodes.MilNotConstant, "batch_norm", new() { { "x", h.F32(2, 3, 5) }, { "mean", h.F32(3) }, { "variance", c } });
        var y = h.Builder.Single("batch_norm", new() { { "x", h.F16(1, 3, 2) }, { "mean", Tensor.Zeros(DataType.Float16, [3]) }, { "variance", Tensor.Zeros(DataType.Float16, [3]) } });
        Assert.Equal(DataType.Float16, y.Producer!.Input("epsilon")!.DataType);
        Assert.Null(y.Producer.Input("gamma"));
    }

    [Fact]
    public void LayerNorm()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[2, 3, 4]", h.Type("layer_norm", new() { { "x", h.F32(2, 3, 4) }, { "axes", new[] { -1 } }, { "gamma", new float[4] }, { "beta", new float[4] } }));
        Assert.Equal("fp32[2, 3, 4]", h.Type("layer_norm", new() { { "x", h.F32(2, 3, 4) }, { "axes", new[] { 2, 1 } }, { "gamma", Tensor.Zeros(DataType.Float32, [3, 4]) } }));
        var y = h.Builder.Single("layer_norm", new() { { "x", h.F32(2, 3) } });
        Assert.Equal([0, 1], y.Producer!.Input("axes")!.ConstantValue!.AsInts());
        h.Fails(DiagnosticCodes.MilBadShape, "layer_norm", new() { { "x", h.F32(2, 3, 4) }, { "axes", new[] { -1 } }, { "gamma", new float[3] } });
        h.Fails(DiagnosticCodes.MilBadShape, "layer_norm", new() { { "x", h.F32(2, 3, 4) }, { "axes", new[] { 2, -1 } } });
        h.Fails(DiagnosticCodes.MilBadShape, "layer_norm", new() { { "x", h.F32(2, 3, 4) }, { "axes", new[] { 3 } } });
    }

    [Fact]
    public void InstanceNorm()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[1, 3, 4, 4]", h.Type("instance_norm", new() { { "x", h.F32(1, 3, 4, 4) } }));
        h.Fails(DiagnosticCodes.MilBadShape, "instance_norm", new() { { "x", h.F32(3, 4) } });
    }
}
