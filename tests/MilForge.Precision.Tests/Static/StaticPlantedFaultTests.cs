using MilForge.Precision.Inputs;
using MilForge.Precision.Static;
using MilForge.Precision.Tests.Debugging;

namespace MilForge.Precision.Tests.Static;

/// <summary>
/// From the input ranges alone (no sample run), the static bounds name the op where each planted fault is born: the
/// first op in program order whose bound overflows FP16 or flushes to zero is the culprit.
/// </summary>
public class StaticPlantedFaultTests
{
    /// <summary>The ranges the planted faults draw their inputs from.</summary>
    private static readonly Dictionary<string, InputRange> Ranges = new(StringComparer.Ordinal)
    {
        ["x·x overflow"] = new(-1, 1),
        ["exp overflow"] = new(0.5, 1),
        ["large reduction"] = new(15, 25),
        ["LayerNorm variance overflow"] = new(-400, 400),
        ["mask from float32 min"] = new(-1, 1),
        ["underflow to zero"] = new(0.5, 1),
    };

    public static TheoryData<string> Faults() => [.. PlantedFault.All.Select(f => f.Name)];

    private static StaticReport Analyze(PlantedFault fault) =>
        new StaticBoundAnalyzer().Analyze(fault.Program, new InputOverrides { Ranges = new Dictionary<string, InputRange> { ["x"] = Ranges[fault.Name] } });

    [Theory]
    [MemberData(nameof(Faults))]
    public void TheFirstOverflowOrFlushIsThePlantedOp(string name)
    {
        var fault = PlantedFault.All.Single(f => f.Name == name);
        var report = Analyze(fault);
        var first = report.Findings.First(o => o.Risk is Fp16Risk.Overflow or Fp16Risk.FlushToZero);
        Assert.Equal(fault.Culprit, first.Name);
        Assert.Equal(BoundKind.Proven, first.Bound.Kind);
        Assert.True(report.AllProven);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public void TheFaultsSamplesStayInsideTheBounds(string name)
    {
        var fault = PlantedFault.All.Single(f => f.Name == name);
        var ranges = new InputOverrides { Ranges = new Dictionary<string, InputRange> { ["x"] = Ranges[fault.Name] } };
        BoundChecker.AssertSound(fault.Program, ranges, [fault.Sample(0), fault.Sample(1)]);
    }

    [Fact]
    public void WithoutTheRangeTheOverflowOfTheReductionIsNotSeen()
    {
        var report = new StaticBoundAnalyzer().Analyze(PlantedFault.LargeReduction().Program);
        Assert.DoesNotContain(report.Findings, o => o.Risk == Fp16Risk.Overflow);
        Assert.True(Assert.Single(report.Inputs).Assumed);
    }

    [Fact]
    public void TheDecomposedLayerNormIsBoundedByTheSquareRootOfItsWidth()
    {
        var y = Analyze(PlantedFault.LayerNormVariance()).Ops.Single(o => o.Name == "y");
        Assert.Equal(Fp16Risk.None, y.Risk);
        Assert.Equal(8, y.Bound.Range.High, 8 * 1e-5);
        Assert.Equal(-8, y.Bound.Range.Low, 8 * 1e-5);
    }

    [Fact]
    public void TheSquareOfOneValueIsNeverNegative()
    {
        var square = Analyze(PlantedFault.Square()).Ops.Single(o => o.Name == "square");
        Assert.Equal(0, square.Bound.Range.Low);
        Assert.Equal(90000, square.Bound.Range.High, 90000 * 1e-5);
    }
}
