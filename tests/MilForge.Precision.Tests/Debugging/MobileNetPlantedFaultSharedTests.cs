using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Onnx.Reading;
using MilForge.Precision.Debugging;
using MilForge.Precision.Search;

namespace MilForge.Precision.Tests.Debugging;

/// <summary>
/// mobilenet_v2 with one planted fault (an activation scaled by 3e4 and back, so FP16 overflows in between): the
/// locator names the planted op and the search keeps at least 95% of the ops in FP16.
/// </summary>
public class MobileNetPlantedFaultSharedTests
{
    [Fact]
    public void SearchKeepsNinetyFivePercentOfOpsInFp16()
    {
        var dir = SharedData.Path("fixtures", "coremltools", "mobilenet_v2");
        var program = OnnxConversion.Import(OnnxModel.Load(Path.Combine(dir, "model.onnx"))).Program;
        Plant(program, convIndex: 12);
        var subject = PrecisionSubject.FromPackage(program);
        var input = OnnxTensors.ReadFile(Path.Combine(dir, "test_data_set_0", "input_0.pb")).Tensor;
        List<IReadOnlyDictionary<string, Tensor>> samples = [new Dictionary<string, Tensor> { [program.Main.Inputs[0].Name] = input }];

        var report = new PrecisionDebugger().Run(subject.Fp32, subject.Shipped.Program, subject.Shipped.Fp32Names, samples);
        Assert.True(report.OriginOps.Count == 1, string.Join("\n", report.OriginOps.Select(o => $"{o.Name} {o.OpType} {o.Status} rel {o.MaxRelError} abs {o.MaxAbsError} absmax {o.AbsMax} oot {o.OutOfTolerance}/{o.Compared}")));
        Assert.Equal("planted_up", report.OriginOps[0].Name);

        var result = new MixedPrecisionSearch(subject, samples).Run(report);
        Assert.True(result.Verified, string.Join("\n", result.Log));
        Assert.Contains(result.Kept, k => k.Op == "planted_up");
        Assert.True(result.OpsFp16Share >= 0.95, $"only {result.OpsFp16Share:P1} of ops in FP16; kept: {string.Join(", ", result.Kept.Select(k => k.Op))}");
        var candidates = subject.Fp32.Main.Body.Operations.Count(o => !o.IsConst && o.Type != "cast");
        Assert.True(result.Evaluations <= (result.Kept.Count * Math.Log2(candidates)) + 2, string.Join("\n", result.Log));
    }

    /// <summary>After the n-th conv: y = (conv · 3e4) / 3e4, identical in FP32, beyond 65504 in FP16 where |conv| &gt; 2.2 (a constant beyond 65504 would keep the op FP32 by itself).</summary>
    private static void Plant(MilProgram program, int convIndex)
    {
        var body = program.Main.Body;
        var conv = body.Operations.Where(o => o.Type == "conv").ElementAt(convIndex);
        var next = body.Operations[body.Operations.ToList().IndexOf(conv) + 1];
        var b = new MilBuilder(body) { InsertBefore = next, Origin = new Diagnostics.Origin("/planted/Mul", "Mul") };
        var up = b.Single("mul", new() { { "x", conv.Output }, { "y", 3e4f } }, "planted_up");
        b.Origin = new Diagnostics.Origin("/planted/Div", "Div");
        var down = b.Single("real_div", new() { { "x", up }, { "y", 3e4f } }, "planted_down");
        foreach (var consumer in conv.Output.Consumers.Where(c => c != up.Producer).ToList())
        {
            consumer.ReplaceInput(conv.Output, down);
        }
    }
}
