using MilForge.Diagnostics;

namespace MilForge.Mil.Tests.Ops;

/// <summary>Type inference of reverse_sequence (iOS15 and iOS17's wider types) and band_part.</summary>
public class SequenceBandTests
{
    [Fact]
    public void ReverseSequenceKeepsTheTypeAndChecksItsAxes()
    {
        var h = new MilHarness(DeploymentTarget.iOS15);
        Assert.Equal("fp32[4, 3, 2]", h.Type("reverse_sequence", new() { { "x", h.F32(4, 3, 2) }, { "lengths", h.I32(3) }, { "seq_axis", 0 }, { "batch_axis", 1 } }));
        Assert.Equal("int32[n, 5]", h.Type("reverse_sequence", new() { { "x", h.I32("n", 5) }, { "lengths", h.I32("n") }, { "seq_axis", -1 } }));
        h.Fails(DiagnosticCodes.MilBadShape, "reverse_sequence", new() { { "x", h.F32(4, 3) }, { "lengths", h.I32(4) } });
        h.Fails(DiagnosticCodes.MilBadShape, "reverse_sequence", new() { { "x", h.F32(4, 3) }, { "lengths", h.I32(3) }, { "seq_axis", 1 }, { "batch_axis", 0 } });
        h.Fails(DiagnosticCodes.MilBadShape, "reverse_sequence", new() { { "x", h.F32(4, 3) }, { "lengths", h.I32(3) }, { "seq_axis", 2 }, { "batch_axis", 1 } });
        h.Fails(DiagnosticCodes.MilTypeMismatch, "reverse_sequence", new() { { "x", h.Input(DataType.UInt8, 4, 3) }, { "lengths", h.I32(3) }, { "batch_axis", 1 } });
    }

    [Fact]
    public void Ios17ReverseSequenceTakesNarrowIntegers()
    {
        var h = new MilHarness(DeploymentTarget.iOS17);
        Assert.Equal("uint8[4, 3]", h.Type("reverse_sequence", new()
        {
            { "x", h.Input(DataType.UInt8, 4, 3) }, { "lengths", h.Input(DataType.Int16, 3) }, { "batch_axis", 1 },
        }));
    }

    [Fact]
    public void BandPartKeepsTheTypeAndNeedsAMatrix()
    {
        var h = new MilHarness();
        Assert.Equal("fp16[2, 3, 4]", h.Type("band_part", new() { { "x", h.F16(2, 3, 4) }, { "lower", 0 } }));
        Assert.Equal("bool[n, m]", h.Type("band_part", new() { { "x", h.Input(DataType.Bool, "n", "m") }, { "upper", 1 } }));
        h.Fails(DiagnosticCodes.MilBadShape, "band_part", new() { { "x", h.F32(4) } });
    }
}
