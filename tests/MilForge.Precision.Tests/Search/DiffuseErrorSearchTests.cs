using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Onnx.Reading;
using MilForge.Precision.Comparison;
using MilForge.Precision.Debugging;
using MilForge.Precision.Search;
using MilForge.Runtime;

namespace MilForge.Precision.Tests.Search;

/// <summary>
/// The search on a model whose FP16 error is spread thin (<see cref="DiffuseErrorCnn"/>: no overflow, no origin op):
/// it ranks ops by local FP16 error, keeps the top k in FP32 with k by bisection, and ends with a verified plan that
/// leaves most ops in FP16 — or, out of budget, with the best verified plan and what was left.
/// </summary>
public class DiffuseErrorSearchTests
{
    private static readonly Lazy<PrecisionSubject> Subject = new(() =>
        PrecisionSubject.FromOnnx(OnnxModel.Parse(DiffuseErrorCnn.Build(), null, "diffuse"), new ConversionOptions()));

    private static readonly Lazy<DebugReport> Report = new(() =>
        new PrecisionDebugger().Run(Subject.Value.Fp32, Subject.Value.Shipped.Program, Subject.Value.Shipped.Fp32Names, Samples));

    private static List<IReadOnlyDictionary<string, Tensor>> Samples => [DiffuseErrorCnn.Sample(0), DiffuseErrorCnn.Sample(1)];

    [Fact]
    public void PlainFp16FailsWithNoOverflowAndNoOriginOp()
    {
        var report = Report.Value;
        Assert.Empty(report.OriginOps);
        Assert.All(report.Ops, o => Assert.True(o.AbsMax < 1000, $"{o.Name} reaches {o.AbsMax}"));
        Assert.False(report.Fp16ProducesNonFinite);
        Assert.Contains(report.Outputs, o => !o.Comparison.Passed);
        Assert.True(Subject.Value.Fp32.Main.Body.Operations.Count(o => o.Type == "conv") >= 16);
    }

    [Fact]
    public void TheSearchVerifiesAPlanWithMostOpsInFp16WithinTheDefaultBudget()
    {
        var subject = Subject.Value;
        var result = new MixedPrecisionSearch(subject, Samples).Run(Report.Value);
        var log = string.Join("\n", result.Log);
        Assert.True(result.Verified, log);
        Assert.True(result.OpsFp16Share >= 0.5, $"{result.OpsFp16Share:P1} of ops in FP16\n{log}");
        Assert.True(result.Evaluations <= new SearchOptions().Budget, log);
        Assert.True(Passes(subject, [.. result.Kept.Select(k => k.Op)]), "the plan must pass an independent check");
        Assert.DoesNotContain(result.Kept, k => k.Evidence.Contains("not examined", StringComparison.Ordinal));
        Assert.Contains(result.TradeOff, p => p.K == 0 && !p.Passed);
        Assert.Contains(result.TradeOff, p => p.Passed);
        Assert.Equal(result.TradeOff.Count + 2, TradeOffTable.Lines(result).Count);
    }

    [Fact]
    public void UnderACosineCriterionAtLeastNinetyPercentOfOpsStayInFp16()
    {
        var cosine = new SearchOptions { Tolerances = OutputTolerances.Uniform(new ToleranceSpec(1e-2, 1e-2, ErrorStat.Cosine) { MinCosine = 0.9999 }) };
        var result = new MixedPrecisionSearch(Subject.Value, Samples, cosine).Run(Report.Value);
        var log = string.Join("\n", result.Log);
        Assert.True(result.Verified, log);
        Assert.True(result.OpsFp16Share >= 0.9, $"{result.OpsFp16Share:P1} of ops in FP16 under cosine >= 0.9999\n{log}");
        var interpreter = new MilInterpreter();
        var build = Subject.Value.Build(new HashSet<string>(result.Kept.Select(k => k.Op), StringComparer.Ordinal));
        foreach (var sample in Samples)
        {
            var expected = interpreter.Run(Subject.Value.Fp32, sample);
            var actual = interpreter.Run(build.Program, sample);
            foreach (var (name, reference) in expected)
            {
                var check = OutputCheck.Check(name, reference, actual[name].CastTo(DataType.Float32), cosine.Tolerances.For(name));
                Assert.True(check.Passed, $"{name}: an independent cosine check of the plan failed");
            }
        }
    }

    [Fact]
    public void OutOfBudgetTheSearchReturnsTheBestVerifiedPlanAndSaysWhatWasLeft()
    {
        var result = new MixedPrecisionSearch(Subject.Value, Samples, new SearchOptions { Budget = 5 }).Run(Report.Value);
        Assert.True(result.Evaluations <= 5, string.Join("\n", result.Log));
        Assert.True(result.Verified, string.Join("\n", result.Log));
        Assert.Contains("exhausted", result.Left);
        Assert.DoesNotContain(result.Kept, k => k.Evidence.Contains("not examined", StringComparison.Ordinal));
        Assert.True(Passes(Subject.Value, [.. result.Kept.Select(k => k.Op)]));
    }

    [Fact]
    public void LocalErrorIsLargeWhereFp16RoundingMeetsCancellation()
    {
        // shifted = x + 1000 rounds to steps of 0.5 in FP16 (relative error ~1e-4); back = shifted − 1000 then holds
        // that rounding at the scale of x (relative error ~0.1); doubled = 2·back is exact on its FP16 input.
        var program = MilProgram.WithMain(DeploymentTarget.iOS16);
        var x = program.Main.AddInput("x", TensorType.Of(DataType.Float32, 64));
        var b = new MilBuilder(program.Main.Body);
        var shifted = b.Single("add", new() { { "x", x }, { "y", 1000f } }, "shifted");
        var back = b.Single("sub", new() { { "x", shifted }, { "y", 1000f } }, "back");
        program.Main.Body.AddOutput(b.Single("mul", new() { { "x", back }, { "y", 2f } }, "doubled"));
        var subject = PrecisionSubject.FromPackage(program);
        var errors = LocalFp16Error.Measure(subject, [new Dictionary<string, Tensor> { ["x"] = TestTensors.Uniform(3, [64]) }], PrecisionPolicy.Default)
            .ToDictionary(e => e.Op, e => e.RelativeL2);
        Assert.InRange(errors["shifted"], 1e-6, 3e-4);
        Assert.InRange(errors["back"], 1e-2, 1);
        Assert.InRange(errors["doubled"], 1e-5, 1e-3);
    }

    private static bool Passes(PrecisionSubject subject, HashSet<string> keep)
    {
        var program = subject.Build(keep).Program;
        var interpreter = new MilInterpreter();
        foreach (var sample in Samples)
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
