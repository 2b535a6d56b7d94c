using MilForge.Precision.Comparison;
using MilForge.Precision.Debugging;
using MilForge.Precision.Search;
using MilForge.Runtime;

namespace MilForge.Precision.Tests.Debugging;

/// <summary>
/// The locator names exactly the planted op, and the search keeps it — and only ops it must — in FP32, within
/// k·log2(N) + 2 evaluations for k kept ops among N candidates.
/// </summary>
public class PlantedFaultTests
{
    public static TheoryData<string> Faults() => [.. PlantedFault.All.Select(f => f.Name)];

    private static PlantedFault Get(string name) => PlantedFault.All.Single(f => f.Name == name);

    private static List<IReadOnlyDictionary<string, Tensor>> Samples(PlantedFault fault) => [fault.Sample(0), fault.Sample(1)];

    [Theory]
    [MemberData(nameof(Faults))]
    public void TheLocatorNamesExactlyThePlantedOp(string name)
    {
        var fault = Get(name);
        var subject = PrecisionSubject.FromPackage(fault.Program);
        var report = new PrecisionDebugger().Run(subject.Fp32, subject.Shipped.Program, subject.Shipped.Fp32Names, Samples(fault));
        var origin = Assert.Single(report.OriginOps);
        Assert.Equal(fault.Culprit, origin.Name);
        Assert.NotEqual(OpStatus.Ok, origin.Status);
        Assert.False(report.Outputs.All(o => o.Comparison.Passed), "the planted fault must break the FP16 program");
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public void EveryOpIsComparedIncludingTheOutputOps(string name)
    {
        var fault = Get(name);
        var subject = PrecisionSubject.FromPackage(fault.Program);
        var report = new PrecisionDebugger().Run(subject.Fp32, subject.Shipped.Program, subject.Shipped.Fp32Names, Samples(fault));
        Assert.All(report.Ops, o => Assert.True(o.Status != OpStatus.NotCompared, $"{o.Name} ({o.OpType}) was not compared"));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public void TheSearchKeepsThePlantedOpAndOnlyWhatItMust(string name)
    {
        var fault = Get(name);
        var subject = PrecisionSubject.FromPackage(fault.Program);
        var samples = Samples(fault);
        var report = new PrecisionDebugger().Run(subject.Fp32, subject.Shipped.Program, subject.Shipped.Fp32Names, samples);
        var result = new MixedPrecisionSearch(subject, samples).Run(report);
        Assert.True(result.Verified);
        var kept = result.Kept.Select(k => k.Op).ToHashSet();
        Assert.Contains(fault.Culprit, kept);
        foreach (var op in kept)
        {
            Assert.False(Passes(subject, [.. kept.Where(k => k != op)], samples), $"{name}: {op} is kept but not needed");
        }
        var candidates = subject.Fp32.Main.Body.Operations.Count(o => !o.IsConst && o.Type != "cast");
        Assert.True(result.Evaluations <= (kept.Count * Math.Log2(candidates)) + 2,
            $"{name}: {result.Evaluations} evaluations for {kept.Count} kept ops among {candidates}:\n{string.Join("\n", result.Log)}");
    }

    /// <summary>An independent check: the FP16 program keeping <paramref name="keep"/> matches FP32 on every sample.</summary>
    private static bool Passes(PrecisionSubject subject, HashSet<string> keep, List<IReadOnlyDictionary<string, Tensor>> samples)
    {
        var program = subject.Build(keep).Program;
        var interpreter = new MilInterpreter();
        foreach (var sample in samples)
        {
            var expected = interpreter.Run(subject.Fp32, sample);
            var actual = interpreter.Run(program, sample);
            if (expected.Any(e => !TensorComparer.Compare(e.Key, e.Value, actual[e.Key].CastTo(DataType.Float32), 1e-2, 1e-2).Passed))
            {
                return false;
            }
        }
        return true;
    }
}
