using MilForge.Diagnostics;

namespace MilForge.Mil.Tests.Ops;

/// <summary>Type inference of one_hot and non_zero.</summary>
public class OneHotNonZeroTests
{
    [Fact]
    public void OneHotInsertsTheDepthAndNonZeroCountsSymbolically()
    {
        var h = new MilHarness();
        Assert.Equal("int32[2, 3, 5]", h.Type("one_hot", new() { { "indices", h.I32(2, 3) }, { "one_hot_vector_size", 5 } }));
        Assert.Equal("fp32[5, 2, 3]", h.Type("one_hot", new() { { "indices", h.I32(2, 3) }, { "one_hot_vector_size", 5 }, { "axis", 0 }, { "on_value", 2f } }));
        Assert.Equal("bool[2, 4, 3]", h.Type("one_hot", new() { { "indices", h.I32(2, 3) }, { "one_hot_vector_size", 4 }, { "axis", -2 }, { "on_value", true }, { "off_value", false } }));
        h.Fails(DiagnosticCodes.MilBadShape, "one_hot", new() { { "indices", h.I32(2, 3) }, { "one_hot_vector_size", 5 }, { "axis", 3 } });
        var nonZero = h.Type("non_zero", new() { { "x", h.F32(2, 3, 4) } });
        Assert.Matches(@"^int32\[[A-Za-z_]\w*, 3\]$", nonZero);
    }
}
