using MilForge.Diagnostics;
using MilForge.Mil.Building;

namespace MilForge.Mil.Tests.Ops;

public class ReductionTests
{
    public static TheoryData<string> ReduceOps() => new(
        "reduce_sum", "reduce_mean", "reduce_max", "reduce_min", "reduce_prod", "reduce_l1_norm", "reduce_l2_norm",
        "reduce_sum_square", "reduce_log_sum", "reduce_log_sum_exp");

    [Theory]
    [MemberData(nameof(ReduceOps))]
    public void AxesAndKeepDims(string op)
    {
        var h = new MilHarness();
        string Type(int[]? axes, bool? keep)
        {
            var args = new OpArgs { { "x", h.F32(2, 3, 4) } };
            if (axes is not null)
            {
                args.Add("axes", axes);
            }
            if (keep is { } k)
            {
                args.Add("keep_dims", k);
            }
            return h.Type(op, args);
        }
        Assert.Equal("fp32[2, 4]", Type([1], null));
        Assert.Equal("fp32[2, 1, 4]", Type([1], true));
        Assert.Equal("fp32[]", Type(null, null));
        Assert.Equal("fp32[1, 1, 1]", Type(null, true));
        Assert.Equal("fp32[3]", Type([-1, 0], false));
        Assert.Equal("fp32[1, 3, 1]", Type([2, 0, -1], true));
        Assert.Equal("fp32[2, 3, 4]", Type([], false));
    }

    [Fact]
    public void KeepDimsDefaultIsWrittenAndIntegersAreAccepted()
    {
        var h = new MilHarness();
        var y = h.Builder.Single("reduce_sum", new() { { "x", h.I32("b", 3) }, { "axes", new[] { 1 } } });
        Assert.Equal("int32[b]", y.Type.ToString());
        Assert.False(y.Producer!.Input("keep_dims")!.ConstantValue!.Storage<bool>()[0]);
        var all = h.Builder.Single("reduce_sum", new() { { "x", h.F32(2) } });
        Assert.Null(all.Producer!.Input("axes"));
    }

    [Fact]
    public void ArgReductionsReturnInt32()
    {
        var h = new MilHarness();
        Assert.Equal("int32[2, 3]", h.Type("reduce_argmax", new() { { "x", h.F32(2, 3, 4) } }));
        Assert.Equal("int32[2, 1, 4]", h.Type("reduce_argmin", new() { { "x", h.F16(2, 3, 4) }, { "axis", 1 }, { "keep_dims", true } }));
        h.Fails(DiagnosticCodes.MilBadShape, "reduce_argmax", new() { { "x", h.F32(2, 3) }, { "axis", 2 } });
    }

    [Fact]
    public void ReductionErrors()
    {
        var h = new MilHarness();
        h.Fails(DiagnosticCodes.MilBadShape, "reduce_sum", new() { { "x", h.F32(2, 3) }, { "axes", new[] { 2 } } });
        h.Fails(DiagnosticCodes.MilBadShape, "reduce_mean", new() { { "x", h.F32(2, 3) }, { "axes", new[] { -3 } } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "reduce_max", new() { { "x", h.Input(DataType.Bool, 2) } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "reduce_max", new() { { "x", h.F32(2) }, { "axes", new[] { 0f } } });
        h.Fails(DiagnosticCodes.MilNotConstant, "reduce_sum", new() { { "x", h.F32(2) }, { "axes", h.I32(1) } });
        h.Fails(DiagnosticCodes.MilNotConstant, "reduce_sum", new() { { "x", h.F32(2) }, { "keep_dims", h.Input(DataType.Bool) } });
    }
}
