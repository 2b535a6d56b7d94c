using System.Text.RegularExpressions;
using MilForge.Precision.Conformance;

namespace MilForge.Precision.Tests.Conformance;

/// <summary>
/// Every ONNX node test of the foundation ops passes through convert + interpret (FP32), or is listed in
/// known-failures.txt with a reason; a listed test that passes fails too, so the list only shrinks.
/// </summary>
public class FoundationOpsConformanceSharedTests
{
    private static readonly HashSet<string> FoundationOps = [.. ("Add Sub Mul Div Pow Sqrt Exp Log Neg Abs Reciprocal Relu LeakyRelu Sigmoid " +
        "Tanh Erf HardSigmoid HardSwish Softmax LogSoftmax MatMul Gemm Conv BatchNormalization LayerNormalization MaxPool AveragePool " +
        "GlobalAveragePool Flatten Reshape Transpose Squeeze Unsqueeze Concat Split Slice Gather Shape Constant ConstantOfShape Identity " +
        "Cast Clip ReduceMean ReduceSum ReduceMax Where Equal Less Greater Expand Dropout").Split(' ')];

    [Fact]
    public void EveryFoundationNodeTestPassesOrIsAKnownFailure()
    {
        var node = SharedData.Path("onnx-backend-tests", "node");
        var known = KnownFailures();
        var runner = new ConformanceRunner();
        var unexpected = new List<string>();
        var fixedNow = new List<string>();
        var checkedTests = 0;
        foreach (var test in ConformanceRunner.FindTests(node))
        {
            var model = Onnx.Reading.OnnxModel.Load(Path.Combine(test, "model.onnx"));
            var op = ConformanceRunner.PrimaryOp(model, test).Replace(" (expanded)", "", StringComparison.Ordinal);
            if (!FoundationOps.Contains(op))
            {
                continue;
            }
            checkedTests++;
            var result = runner.Run(test, node);
            var reason = known.FirstOrDefault(k => k.Pattern.IsMatch(result.Name));
            if (result.Outcome == ConformanceOutcome.Passed && reason.Pattern is not null)
            {
                fixedNow.Add($"{result.Name} passes but is listed ('{reason.Pattern}')");
            }
            else if (result.Outcome != ConformanceOutcome.Passed && reason.Pattern is null)
            {
                unexpected.Add($"{result.Name} [{result.Outcome}]: {result.Message}");
            }
        }
        Assert.True(checkedTests > 500, $"only {checkedTests} foundation node tests found");
        Assert.True(unexpected.Count == 0, "Not passing and not in known-failures.txt:\n" + string.Join("\n", unexpected));
        Assert.True(fixedNow.Count == 0, "Known failures that now pass (remove them from known-failures.txt):\n" + string.Join("\n", fixedNow));
    }

    [Fact]
    public void EveryKnownFailureHasAReason()
    {
        Assert.All(KnownFailures(), k => Assert.False(string.IsNullOrWhiteSpace(k.Reason), $"'{k.Pattern}' has no reason"));
    }

    private static List<(Regex Pattern, string Reason)> KnownFailures() =>
    [
        .. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Conformance", "known-failures.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(" | ", 2))
            .Select(p => (new Regex(p[0].Trim()), p.Length > 1 ? p[1].Trim() : "")),
    ];
}
