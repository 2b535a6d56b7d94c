using MilForge.Precision.Static;

namespace MilForge.Precision.Tests.Static;

/// <summary>
/// The soundness property of the static bounds: on random programs, values computed from inputs anywhere in their
/// ranges (the ends included) never leave the bound of any op.
/// </summary>
public class StaticSoundnessTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(0, 200)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomProgramsStayInsideTheirBounds(int seed)
    {
        var (program, ranges) = RandomPrograms.Make(seed);
        var inputs = program.Main.Inputs.Select(i => new TensorSignature(i.Name, i.DataType, i.Shape)).ToList();
        var report = BoundChecker.AssertSound(program, ranges, EdgeSamples.For(inputs, ranges));
        Assert.DoesNotContain(report.Ops, o => o.Bound.Kind == BoundKind.Unknown);
        Assert.All(report.Inputs, i => Assert.False(i.Assumed));
    }
}
