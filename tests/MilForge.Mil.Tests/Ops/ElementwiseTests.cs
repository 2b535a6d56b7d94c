using MilForge.Diagnostics;

namespace MilForge.Mil.Tests.Ops;

public class ElementwiseTests
{
    [Theory]
    [InlineData(new object[] { 2, 3 }, new object[] { 2, 3 }, "fp32[2, 3]")]
    [InlineData(new object[] { 2, 1, 3 }, new object[] { 4, 1 }, "fp32[2, 4, 3]")]
    [InlineData(new object[] { }, new object[] { 4, 5 }, "fp32[4, 5]")]
    [InlineData(new object[] { }, new object[] { }, "fp32[]")]
    [InlineData(new object[] { 1 }, new object[] { 0 }, "fp32[0]")]
    [InlineData(new object[] { "b", 3 }, new object[] { 1, 3 }, "fp32[b, 3]")]
    [InlineData(new object[] { "b", 3 }, new object[] { "b", 3 }, "fp32[b, 3]")]
    [InlineData(new object[] { "b", 1 }, new object[] { 1, 4 }, "fp32[b, 4]")]
    [InlineData(new object[] { "b", 3 }, new object[] { 3 }, "fp32[b, 3]")]
    [InlineData(new object[] { "b", 3 }, new object[] { 5, 1 }, "fp32[5, 3]")] // b must be 5 at run time
    [InlineData(new object[] { 1, 3 }, new object[] { "n", 3 }, "fp32[n, 3]")]
    public void BinaryBroadcasts(object[] x, object[] y, string expected)
    {
        var h = new MilHarness();
        Assert.Equal(expected, h.Type("add", new() { { "x", h.F32(x) }, { "y", h.F32(y) } }));
    }

    [Theory]
    [InlineData("add")]
    [InlineData("sub")]
    [InlineData("mul")]
    [InlineData("real_div")]
    [InlineData("floor_div")]
    [InlineData("mod")]
    [InlineData("pow")]
    [InlineData("maximum")]
    [InlineData("minimum")]
    public void ArithmeticKeepsTheInputType(string op)
    {
        var h = new MilHarness();
        Assert.Equal("int32[2, 3]", h.Type(op, new() { { "x", h.I32(2, 3) }, { "y", h.I32(3) } }));
        Assert.Equal("fp16[2, 3]", h.Type(op, new() { { "x", h.F16(2, 3) }, { "y", h.F16(1, 1) } }));
    }

    [Theory]
    [InlineData("equal")]
    [InlineData("not_equal")]
    [InlineData("less")]
    [InlineData("less_equal")]
    [InlineData("greater")]
    [InlineData("greater_equal")]
    public void ComparisonsReturnBool(string op)
    {
        var h = new MilHarness();
        Assert.Equal("bool[4, 2]", h.Type(op, new() { { "x", h.F32(4, 1) }, { "y", h.F32(2) } }));
        Assert.Equal("bool[3]", h.Type(op, new() { { "x", h.Input(DataType.Bool, 3) }, { "y", h.Input(DataType.Bool, 3) } }));
    }

    [Fact]
    public void IncompatibleShapesAreMil2002()
    {
        var h = new MilHarness();
        var e = h.Fails(DiagnosticCodes.MilBadShape, "add", new() { { "x", h.F32(2, 3) }, { "y", h.F32(4, 3) } });
        Assert.Contains("(2, 3)", e.Message);
        Assert.Contains("(4, 3)", e.Message);
        h.Fails(DiagnosticCodes.MilBadShape, "mul", new() { { "x", h.F32("b", 2) }, { "y", h.F32(3) } });
    }

    [Fact]
    public void MixedTypesViolateTypeVariableT()
    {
        var h = new MilHarness();
        var e = h.Fails(DiagnosticCodes.MilTypeMismatch, "add", new() { { "x", h.F32(2) }, { "y", h.F16(2) } });
        Assert.Contains("'x' (fp32) and 'y' (fp16)", e.Message);
        h.Fails(DiagnosticCodes.MilTypeMismatch, "add", new() { { "x", h.I32(2) }, { "y", h.F32(2) } });
    }

    [Fact]
    public void TypesOutsideTheDomainAreMil2001()
    {
        var h = new MilHarness();
        h.Fails(DiagnosticCodes.MilTypeMismatch, "add", new() { { "x", h.Input(DataType.Bool, 2) }, { "y", h.Input(DataType.Bool, 2) } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "logical_and", new() { { "x", h.F32(2) }, { "y", h.F32(2) } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "exp", new() { { "x", h.I32(2) } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "logical_not", new() { { "x", h.F32(2) } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "add", new() { { "x", h.Input(DataType.Int64, 2) }, { "y", h.Input(DataType.Int64, 2) } });
    }

    [Fact]
    public void LogicalOpsTakeAndReturnBool()
    {
        var h = new MilHarness();
        Assert.Equal("bool[2, 2]", h.Type("logical_xor", new() { { "x", h.Input(DataType.Bool, 2, 1) }, { "y", h.Input(DataType.Bool, 2) } }));
        Assert.Equal("bool[3]", h.Type("logical_not", new() { { "x", h.Input(DataType.Bool, 3) } }));
    }

    [Fact]
    public void UnaryOpsKeepTypeAndShape()
    {
        var h = new MilHarness();
        Assert.Equal("fp16[b, 3]", h.Type("exp", new() { { "x", h.F16("b", 3) } }));
        Assert.Equal("int32[4]", h.Type("abs", new() { { "x", h.I32(4) } }));
        Assert.Equal("fp32[]", h.Type("sqrt", new() { { "x", h.F32() } }));
    }

    [Fact]
    public void EpsilonDefaultsTakeTheTypeOfX()
    {
        var h = new MilHarness();
        var y = h.Builder.Single("log", new() { { "x", h.F16(3) } });
        var epsilon = y.Producer!.Input("epsilon")!.ConstantValue!;
        Assert.Equal(DataType.Float16, epsilon.DataType);
        Assert.Equal((float)(Half)1e-45f, epsilon.AsFloats()[0]);
        var r = h.Builder.Single("rsqrt", new() { { "x", h.F32(3) } });
        Assert.Equal(1e-12f, r.Producer!.Input("epsilon")!.ConstantValue!.AsFloats()[0]);
        h.Fails(DiagnosticCodes.MilTypeMismatch, "inverse", new() { { "x", h.F16(3) }, { "epsilon", 1e-3f } });
        h.Fails(DiagnosticCodes.MilNotConstant, "inverse", new() { { "x", h.F32(3) }, { "epsilon", h.F32() } });
    }

    [Fact]
    public void SelectBroadcastsAllThree()
    {
        var h = new MilHarness();
        Assert.Equal("fp32[2, 3, 4]", h.Type("select", new() { { "cond", h.Input(DataType.Bool, 3, 1) }, { "a", h.F32(2, 1, 4) }, { "b", h.F32() } }));
        h.Fails(DiagnosticCodes.MilBadShape, "select", new() { { "cond", h.Input(DataType.Bool, 5) }, { "a", h.F32(4) }, { "b", h.F32(4) } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "select", new() { { "cond", h.F32(4) }, { "a", h.F32(4) }, { "b", h.F32(4) } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "select", new() { { "cond", h.Input(DataType.Bool, 4) }, { "a", h.F32(4) }, { "b", h.I32(4) } });
    }
}
