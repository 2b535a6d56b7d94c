using MilForge.Diagnostics;

namespace MilForge.Mil.Tests.Ops;

public class SlidingWindowsTests
{
    [Fact]
    public void WindowsReplaceTheAxisAndTheirSizeFollowsIt()
    {
        var h = new MilHarness();
        // (10 − 3) / 2 + 1 = 4 windows of 3.
        Assert.Equal("fp32[2, 4, 3, 5]", h.Type("sliding_windows", new() { { "x", h.F32(2, 10, 5) }, { "axis", 1 }, { "size", 3 }, { "stride", 2 } }));
        Assert.Equal("int32[2, 1, 5]", h.Type("sliding_windows", new() { { "x", h.I32(2, 5) }, { "axis", -1 }, { "size", 5 } }));
        Assert.Equal(5, h.Builder.Single("sliding_windows", new() { { "x", h.F16("n") }, { "axis", 0 }, { "size", 5 } }).TensorType.Shape[1].Size);
        h.Fails(DiagnosticCodes.MilBadShape, "sliding_windows", new() { { "x", h.F32(4) }, { "axis", 0 }, { "size", 5 } });
        h.Fails(DiagnosticCodes.MilBadShape, "sliding_windows", new() { { "x", h.F32(4) }, { "axis", 0 }, { "size", 2 }, { "stride", 0 } });
        h.Fails(DiagnosticCodes.MilBadShape, "sliding_windows", new() { { "x", h.F32(4) }, { "axis", 1 }, { "size", 2 } });
    }

    [Fact]
    public void Ios17AddsBoolAndNarrowIntegers()
    {
        var h = new MilHarness();
        h.Fails(DiagnosticCodes.MilTypeMismatch, "sliding_windows", new() { { "x", h.Input(DataType.Bool, 4) }, { "axis", 0 }, { "size", 2 } });
        var ios17 = new MilHarness(DeploymentTarget.iOS17);
        Assert.Equal("bool[3, 2]", ios17.Type("sliding_windows", new() { { "x", ios17.Input(DataType.Bool, 4) }, { "axis", 0 }, { "size", 2 } }));
    }
}
