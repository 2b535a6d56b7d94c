using MilForge.Diagnostics;

namespace MilForge.Mil.Tests.Ops;

public class LinearTests
{
    [Theory]
    [InlineData(new object[] { 2, 3 }, new object[] { 3, 4 }, false, false, "fp32[2, 4]")]
    [InlineData(new object[] { 3, 2 }, new object[] { 3, 4 }, true, false, "fp32[2, 4]")]
    [InlineData(new object[] { 2, 3 }, new object[] { 4, 3 }, false, true, "fp32[2, 4]")]
    [InlineData(new object[] { 3, 2 }, new object[] { 4, 3 }, true, true, "fp32[2, 4]")]
    [InlineData(new object[] { 3 }, new object[] { 3, 4 }, false, false, "fp32[4]")]
    [InlineData(new object[] { 3 }, new object[] { 4, 3 }, true, true, "fp32[4]")] // transpose of a vector is ignored
    [InlineData(new object[] { 2, 3 }, new object[] { 3 }, false, false, "fp32[2]")]
    [InlineData(new object[] { 3 }, new object[] { 3 }, false, false, "fp32[]")]
    [InlineData(new object[] { 5, 1, 2, 3 }, new object[] { 4, 3, 6 }, false, false, "fp32[5, 4, 2, 6]")]
    [InlineData(new object[] { 7, 2, 3 }, new object[] { 3, 4 }, false, false, "fp32[7, 2, 4]")]
    [InlineData(new object[] { 3 }, new object[] { 8, 3, 4 }, false, false, "fp32[8, 4]")]
    [InlineData(new object[] { "b", 2, 3 }, new object[] { 3, 4 }, false, false, "fp32[b, 2, 4]")]
    [InlineData(new object[] { 2, "k" }, new object[] { 3, 4 }, false, false, "fp32[2, 4]")]
    [InlineData(new object[] { 2, 0 }, new object[] { 0, 4 }, false, false, "fp32[2, 4]")]
    public void MatmulShapes(object[] x, object[] y, bool tx, bool ty, string expected)
    {
        var h = new MilHarness();
        Assert.Equal(expected, h.Type("matmul", new() { { "x", h.F32(x) }, { "y", h.F32(y) }, { "transpose_x", tx }, { "transpose_y", ty } }));
    }

    [Fact]
    public void MatmulWritesTransposeDefaults()
    {
        var h = new MilHarness();
        var z = h.Builder.Single("matmul", new() { { "x", h.I32(2, 3) }, { "y", h.I32(3, 2) } });
        Assert.Equal("int32[2, 2]", z.Type.ToString());
        Assert.False(z.Producer!.Input("transpose_x")!.ConstantValue!.Storage<bool>()[0]);
        Assert.False(z.Producer!.Input("transpose_y")!.ConstantValue!.Storage<bool>()[0]);
    }

    [Fact]
    public void MatmulErrors()
    {
        var h = new MilHarness();
        h.Fails(DiagnosticCodes.MilBadShape, "matmul", new() { { "x", h.F32(2, 3) }, { "y", h.F32(4, 5) } });
        h.Fails(DiagnosticCodes.MilBadShape, "matmul", new() { { "x", h.F32(2, 3) }, { "y", h.F32(2, 3) }, { "transpose_y", false } });
        h.Fails(DiagnosticCodes.MilBadShape, "matmul", new() { { "x", h.F32(2, 2, 3) }, { "y", h.F32(3, 3, 4) } });
        h.Fails(DiagnosticCodes.MilBadShape, "matmul", new() { { "x", h.F32() }, { "y", h.F32(3) } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "matmul", new() { { "x", h.F32(2, 3) }, { "y", h.F16(3, 2) } });
        h.Fails(DiagnosticCodes.MilNotConstant, "matmul", new() { { "x", h.F32(2, 3) }, { "y", h.F32(3, 2) }, { "transpose_x", h.Input(DataType.Bool) } });
    }

    [Fact]
    public void LinearShapesAndDefaultBias()
    {
        var h = new MilHarness();
        var w = h.Const(Tensor.Zeros(DataType.Float16, [3, 8]));
        var y = h.Builder.Single("linear", new() { { "x", h.F16("b", 5, 8) }, { "weight", w } });
        Assert.Equal("fp16[b, 5, 3]", y.Type.ToString());
        var bias = y.Producer!.Input("bias")!.ConstantValue!;
        Assert.Equal(DataType.Float16, bias.DataType);
        Assert.Equal([3], bias.Shape);
        Assert.Equal("fp32[3]", h.Type("linear", new() { { "x", h.F32(8) }, { "weight", Tensor.Zeros(DataType.Float32, [3, 8]) } }));
    }

    [Fact]
    public void LinearErrors()
    {
        var h = new MilHarness();
        var w = Tensor.Zeros(DataType.Float32, [3, 8]);
        h.Fails(DiagnosticCodes.MilBadShape, "linear", new() { { "x", h.F32(2, 7) }, { "weight", w } });
        h.Fails(DiagnosticCodes.MilBadShape, "linear", new() { { "x", h.F32(2, 8) }, { "weight", w }, { "bias", new float[4] } });
        h.Fails(DiagnosticCodes.MilBadShape, "linear", new() { { "x", h.F32(2, 8) }, { "weight", Tensor.Zeros(DataType.Float32, [24]) } });
        h.Fails(DiagnosticCodes.MilBadShape, "linear", new() { { "x", h.F32(2, 8) }, { "weight", 1f } });
        h.Fails(DiagnosticCodes.MilBadShape, "linear", new() { { "x", h.F32() }, { "weight", w } });
        h.Fails(DiagnosticCodes.MilNotConstant, "linear", new() { { "x", h.F32(2, 8) }, { "weight", h.F32(3, 8) } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "linear", new() { { "x", h.F32(2, 8) }, { "weight", Tensor.Zeros(DataType.Float16, [3, 8]) } });
    }
}
