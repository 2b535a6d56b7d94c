using MilForge.Diagnostics;

namespace MilForge.Runtime.Tests.Kernels;

/// <summary>reverse_sequence and band_part against hand-worked results.</summary>
public class SequenceBandKernelTests
{
    [Fact]
    public void ReverseSequenceReversesThePrefixOfEachBatchEntry()
    {
        // x [seq 4, batch 3]: column b holds 10·b + t; lengths 4, 0, 2.
        var x = TestTensors.Floats([4, 3], 0, 10, 20, 1, 11, 21, 2, 12, 22, 3, 13, 23);
        var y = KernelHarness.Op("reverse_sequence", new() { { "x", x }, { "lengths", Tensor.Vector(4, 0, 2) }, { "seq_axis", 0 }, { "batch_axis", 1 } });
        Assert.Equal([4, 3], y.Shape);
        Assert.Equal([3f, 10, 21, 2, 11, 20, 1, 12, 22, 0, 13, 23], y.Storage<float>());
    }

    [Fact]
    public void ReverseSequenceWorksAlongInnerAxesAndOnIntegers()
    {
        // x [batch 2, 2, seq 3], seq_axis -1: batch 0 reverses all 3, batch 1 the first 1 (unchanged).
        var x = Tensor.Create(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 }, 2, 2, 3);
        var y = KernelHarness.Op("reverse_sequence", new() { { "x", x }, { "lengths", Tensor.Vector(3, 1) }, { "seq_axis", -1 }, { "batch_axis", 0 } });
        Assert.Equal([3, 2, 1, 6, 5, 4, 7, 8, 9, 10, 11, 12], y.Storage<int>());
    }

    [Fact]
    public void ReverseSequenceRejectsALengthPastTheSequence()
    {
        var e = Assert.Throws<DiagnosticException>(() => KernelHarness.Op("reverse_sequence", new()
        {
            { "x", TestTensors.Floats([2, 2], 1, 2, 3, 4) }, { "lengths", Tensor.Vector(3, 1) }, { "seq_axis", 1 }, { "batch_axis", 0 },
        }));
        Assert.Contains("outside [0, 2]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BandPartKeepsTheBandOfEachMatrix()
    {
        var x = TestTensors.Floats([2, 3, 3], 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -2, -3, -4, -5, -6, -7, -8, -9);
        var lowerTriangle = KernelHarness.Op("band_part", new() { { "x", x }, { "lower", -1 }, { "upper", 0 } });
        Assert.Equal([1f, 0, 0, 4, 5, 0, 7, 8, 9, -1, 0, 0, -4, -5, 0, -7, -8, -9], lowerTriangle.Storage<float>());
        var band = KernelHarness.Op("band_part", new() { { "x", x }, { "lower", 1 }, { "upper", 0 } });
        Assert.Equal([1f, 0, 0, 4, 5, 0, 0, 8, 9], band.Storage<float>().Take(9));
        var upper = KernelHarness.Op("band_part", new() { { "x", x }, { "lower", 0 }, { "upper", -1 } });
        Assert.Equal([1f, 2, 3, 0, 5, 6, 0, 0, 9], upper.Storage<float>().Take(9));
    }

    [Fact]
    public void BandPartOfWideBoolMatricesUsesFalse()
    {
        var x = Tensor.Create(Enumerable.Repeat(true, 8).ToArray(), 2, 4);
        var y = KernelHarness.Op("band_part", new() { { "x", x }, { "lower", 0 }, { "upper", 1 } });
        Assert.Equal([true, true, false, false, false, true, true, false], y.Storage<bool>());
    }
}
