using MilForge.Onnx.Building;
using MilForge.Onnx.Reading;
using MilForge.Precision.Comparison;
using MilForge.Precision.Debugging;
using MilForge.Precision.Search;

namespace MilForge.Precision.Tests.Search;

/// <summary>
/// The search and the debugger hold outputs to the given criterion. y = (x + 1000) − 1000 in FP16 rounds x + 1000 to
/// a step of 0.5, so the small element 0.3 comes out as 0.5 (fails elementwise 1e-2) while the large ones are exact
/// (cosine ≈ 1 − 1e-8, well above 0.9999).
/// </summary>
public class CriteriaSearchTests
{
    private static PrecisionSubject Subject()
    {
        var g = new OnnxGraphBuilder(13).Input("x", DataType.Float32, 1, 5).Output("y", DataType.Float32, 1, 5)
            .Initializer("c", Tensor.Scalar(1000f));
        g.Node("Add", ["x", "c"], ["shifted"], "/shift");
        g.Node("Sub", ["shifted", "c"], ["y"], "/unshift");
        return PrecisionSubject.FromOnnx(OnnxModel.Parse(g.ToBytes(), null, "cancel"), new ConversionOptions());
    }

    private static readonly List<IReadOnlyDictionary<string, Tensor>> Samples =
    [
        new Dictionary<string, Tensor> { ["x"] = Tensor.Create(new float[] { 500, 600, 700, 800, 0.3f }, 1, 5) },
    ];

    private static (DebugReport Report, SearchResult Search) Run(OutputTolerances tolerances)
    {
        var subject = Subject();
        var report = new PrecisionDebugger(new DebugOptions { Tolerances = tolerances }).Run(subject.Fp32, subject.Shipped.Program, subject.Shipped.Fp32Names, Samples);
        return (report, new MixedPrecisionSearch(subject, Samples, new SearchOptions { Tolerances = tolerances }).Run(report));
    }

    [Fact]
    public void ElementwiseToleranceKeepsOpsInFp32()
    {
        var (report, search) = Run(new SearchOptions().Tolerances);
        Assert.False(report.Outputs.Single().Passed);
        Assert.Equal("elemwise", report.Outputs.Single().Check!.Decision.Criterion);
        Assert.True(search.Verified);
        Assert.NotEmpty(search.Kept);
        Assert.True(search.OpsFp16Share < 1);
    }

    [Fact]
    public void CosineKeepsTheWholeProgramInFp16()
    {
        var (report, search) = Run(OutputTolerances.Uniform(new ToleranceSpec(1e-2, 1e-2, ErrorStat.Cosine)));
        var y = report.Outputs.Single();
        Assert.False(y.Comparison.Passed); // elementwise it still differs
        Assert.True(y.Passed);
        Assert.Equal(("cosine", 0.9999), (y.Check!.Decision.Criterion, y.Check.Decision.Threshold));
        Assert.True(y.Check.Measured is > 0.9999 and <= 1);
        Assert.True(search.Verified);
        Assert.Empty(search.Kept);
        Assert.Equal(1, search.OpsFp16Share);
        Assert.Equal(1, search.Evaluations);
    }

    [Fact]
    public void PerOutputCriteriaFindTheOutputByItsName()
    {
        var cosine = new Dictionary<string, ToleranceSpec> { ["y"] = new(1e-2, 1e-2, ErrorStat.Cosine) };
        var (report, search) = Run(new OutputTolerances(new ToleranceSpec(1e-2, 1e-2), cosine));
        Assert.True(report.Outputs.Single().Passed);
        Assert.Empty(search.Kept);
    }
}
