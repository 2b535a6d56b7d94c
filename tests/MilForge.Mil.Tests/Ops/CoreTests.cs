using MilForge.Diagnostics;
using MilForge.Mil.Ops;

namespace MilForge.Mil.Tests.Ops;

/// <summary>cast, identity, const, and op availability (unknown ops, ops newer than the target).</summary>
public class CoreTests
{
    [Theory]
    [InlineData("int32", "int32[2, 3]")]
    [InlineData("fp16", "fp16[2, 3]")]
    [InlineData("fp32", "fp32[2, 3]")]
    [InlineData("bool", "bool[2, 3]")]
    public void CastAtIos15(string dtype, string expected)
    {
        var h = new MilHarness(DeploymentTarget.iOS15);
        Assert.Equal(expected, h.Type("cast", new() { { "x", h.F32(2, 3) }, { "dtype", dtype } }));
    }

    [Theory]
    [InlineData("int8")]
    [InlineData("uint8")]
    [InlineData("int16")]
    [InlineData("uint16")]
    public void Ios17CastTargetsNeedIos17(string dtype)
    {
        var old = new MilHarness(DeploymentTarget.iOS16);
        var e = old.Fails(DiagnosticCodes.MilOpUnavailable, "cast", new() { { "x", old.F32(2) }, { "dtype", dtype } });
        Assert.Contains("iOS17", e.Message);
        var h = new MilHarness(DeploymentTarget.iOS17);
        var y = h.Builder.Single("cast", new() { { "x", h.F32(2) }, { "dtype", dtype } });
        Assert.Equal($"{dtype}[2]", y.Type.ToString());
        Assert.Equal(DeploymentTarget.iOS17, y.Producer!.Definition.Since);
    }

    [Fact]
    public void CastErrors()
    {
        var h = new MilHarness(DeploymentTarget.iOS18);
        h.Fails(DiagnosticCodes.MilTypeMismatch, "cast", new() { { "x", h.F32(2) }, { "dtype", "fp64" } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "cast", new() { { "x", h.F32(2) }, { "dtype", "float" } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "cast", new() { { "x", h.F32(2) }, { "dtype", 3 } });
        h.Fails(DiagnosticCodes.MilNotConstant, "cast", new() { { "x", h.F32(2) }, { "dtype", h.Input(DataType.String) } });
    }

    [Fact]
    public void IdentityAcceptsAnyType()
    {
        var h = new MilHarness();
        Assert.Equal("int64[b]", h.Type("identity", new() { { "x", h.Input(DataType.Int64, "b") } }));
        Assert.Equal("string[]", h.Type("identity", new() { { "x", h.Input(DataType.String) } }));
    }

    [Fact]
    public void UnknownOpIsMil2004()
    {
        var h = new MilHarness();
        var e = h.Fails(DiagnosticCodes.MilUnknownOp, "frobnicate", new() { { "x", h.F32(2) } });
        Assert.Contains("frobnicate", e.Message);
    }

    [Fact]
    public void OpNewerThanTargetIsMil2003()
    {
        var catalog = new OpCatalog([.. OpCatalog.Default.All, new FutureOp()]);
        var old = new MilHarness(DeploymentTarget.iOS16, catalog);
        var e = old.Fails(DiagnosticCodes.MilOpUnavailable, "future_op", new() { { "x", old.F32(2) } });
        Assert.Contains("iOS18", e.Message);
        Assert.Contains("iOS16", e.Message);
        var h = new MilHarness(DeploymentTarget.iOS18, catalog);
        Assert.Equal("fp32[2]", h.Type("future_op", new() { { "x", h.F32(2) } }));
    }

    [Fact]
    public void ConstCannotBeBuiltAsAnOp()
    {
        var h = new MilHarness();
        h.Fails(DiagnosticCodes.MilMalformed, "const", new());
        var c = h.Const(Tensor.Vector(1, 2, 3));
        Assert.True(c.IsConstant);
        Assert.Equal("int32[3]", c.Type.ToString());
    }

    private sealed class FutureOp : OpDefinition
    {
        public override string Name => "future_op";

        public override DeploymentTarget Since => DeploymentTarget.iOS18;

        public override IReadOnlyList<InputSpec> Inputs { get; } = [InputSpec.Required("x", TypeDomain.FloatT)];

        public override IReadOnlyList<MilType> InferTypes(OpInputs inputs) => [inputs.Type("x")];
    }
}
