using MilForge.Cli.Models;
using MilForge.Numerics;
using MilForge.Precision.Comparison;
using MilForge.Precision.Inputs;
using MilForge.Runtime;

namespace MilForge.Cli.Commands;

/// <summary>
/// compare over several samples: every sample runs on both models; each output is checked once over all samples (its
/// values joined by <see cref="SampleStack"/>), and every sample also gets its own verdict.
/// </summary>
internal static class CompareSamples
{
    /// <summary>The outputs of every sample, in the reference's output order: reference and candidate values per sample.</summary>
    public sealed record Runs(IReadOnlyList<string> Names, IReadOnlyList<IReadOnlyList<(string Name, Tensor Reference, Tensor Candidate)>> BySample);

    public static Runs Run(InputSet set, RunnableModel reference, RunnableModel candidate, RunOptions options,
        Func<Dictionary<string, Tensor>, Dictionary<string, Tensor>> mapInputs,
        Func<IReadOnlyList<KeyValuePair<string, Tensor>>, IReadOnlyList<KeyValuePair<string, Tensor>>, IEnumerable<(string, Tensor, Tensor)>> pair)
    {
        var bySample = new List<IReadOnlyList<(string, Tensor, Tensor)>>();
        foreach (var sample in set.Samples)
        {
            var expected = reference.Run(sample.Values, options);
            var actual = candidate.Run(mapInputs(sample.Values), options);
            bySample.Add([.. pair(expected, actual)]);
        }
        return new Runs([.. bySample[0].Select(p => p.Item1)], bySample);
    }

    /// <summary>One check per output over all samples (a sample that cannot be joined is checked alone: the worst one counts).</summary>
    public static List<OutputCheck> Check(Runs runs, Func<string, ToleranceSpec> tolerance)
    {
        var checks = new List<OutputCheck>();
        for (var k = 0; k < runs.Names.Count; k++)
        {
            var name = runs.Names[k];
            var references = runs.BySample.Select(s => s[k].Reference).ToList();
            var candidates = runs.BySample.Select(s => s[k].Candidate).ToList();
            if (SampleStack.CanJoin(references, candidates))
            {
                checks.Add(OutputCheck.Check(name, SampleStack.Join(references), SampleStack.Join(candidates), tolerance(name)));
                continue;
            }
            var each = references.Zip(candidates).Select(p => OutputCheck.Check(name, p.First, p.Second, tolerance(name))).ToList();
            checks.Add(each.FirstOrDefault(c => c.Comparison.NewNonFinite > 0) ?? each.FirstOrDefault(c => !c.Passed) ?? each[0]);
        }
        return checks;
    }

    /// <summary>Each sample's verdict (its outputs checked alone).</summary>
    public static List<(string Sample, ComparisonVerdict Verdict)> Verdicts(InputSet set, Runs runs, Func<string, ToleranceSpec> tolerance) =>
        [.. set.Samples.Select((s, i) => (s.Name, Precision.Comparison.Verdicts.Of(runs.BySample[i].Select(p => OutputCheck.Check(p.Name, p.Reference, p.Candidate, tolerance(p.Name))))))];
}
