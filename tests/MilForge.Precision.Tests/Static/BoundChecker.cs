using MilForge.Mil;
using MilForge.Precision.Inputs;
using MilForge.Precision.Static;
using MilForge.Runtime;

namespace MilForge.Precision.Tests.Static;

/// <summary>
/// Runs an FP32 program on samples with every op's output seen through the interpreter's listener and checks that each
/// value lies in its op's static bound: finite values in [low, high], +∞ only under an infinite high end, −∞ only under
/// an infinite low end, NaN only where the bound allows it.
/// </summary>
internal sealed class BoundChecker : IInterpreterListener
{
    private readonly Dictionary<string, OpBound> _bounds;
    private readonly List<string> _violations = [];

    private BoundChecker(StaticReport report) => _bounds = report.Ops.ToDictionary(o => o.Name, StringComparer.Ordinal);

    /// <summary>Elements checked.</summary>
    public long Checked { get; private set; }

    /// <summary>Analyses the program and checks it on every sample; returns the report.</summary>
    public static StaticReport AssertSound(MilProgram program, InputOverrides ranges, IEnumerable<IReadOnlyDictionary<string, Tensor>> samples)
    {
        var report = new StaticBoundAnalyzer().Analyze(program, ranges);
        var checker = new BoundChecker(report);
        foreach (var sample in samples)
        {
            new MilInterpreter().Run(program, sample, new RunOptions { Listener = checker });
        }
        Assert.True(checker._violations.Count == 0, $"{checker._violations.Count} value(s) outside their bound:\n" + string.Join("\n", checker._violations.Take(10)));
        Assert.True(checker.Checked > 0, "no value was checked");
        return report;
    }

    public void AfterOp(Operation op, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        for (var i = 0; i < outputs.Count && i < op.Outputs.Count; i++)
        {
            if (!_bounds.TryGetValue(op.Outputs[i].Name, out var bound) || outputs[i].DataType == DataType.String)
            {
                continue;
            }
            var values = outputs[i].AsDoubles();
            var range = bound.Bound.Range;
            for (var k = 0; k < values.Length; k++)
            {
                Checked++;
                var v = values[k];
                var ok = double.IsNaN(v) ? range.MayBeNaN : v >= range.Low && v <= range.High;
                if (!ok && _violations.Count < 100)
                {
                    _violations.Add($"  {op.Outputs[i].Name} ({op.Type}) element {k} = {v:R} outside {range} ({bound.Bound.Kind})");
                }
            }
        }
    }
}
