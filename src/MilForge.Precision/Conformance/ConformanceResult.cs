namespace MilForge.Precision.Conformance;

/// <summary>The outcome of one conformance test.</summary>
public enum ConformanceOutcome
{
    /// <summary>Converted, ran, and matched every expected output.</summary>
    Passed,
    /// <summary>Converted but an output differs, or conversion/running failed for a reason other than an unsupported op.</summary>
    Failed,
    /// <summary>The model uses an op (or type) MilForge does not support yet.</summary>
    Unsupported,
}

/// <summary>One test's result.</summary>
/// <param name="Name">The test folder name, e.g. <c>test_relu</c>.</param>
/// <param name="Suite">The folder it was found in (node, simple, ...).</param>
/// <param name="Op">The ONNX op under test (the single node's type; expanded tests carry their base op).</param>
/// <param name="Outcome">Passed, failed or unsupported.</param>
/// <param name="Message">Why it failed or is unsupported.</param>
/// <param name="FrozenInputs">
/// Graph inputs that had to be frozen to the test's values (a converter needed them as constants: shapes, axes,
/// indices fed as inputs); empty when the model converted as it is.
/// </param>
/// <param name="MilOps">For converted tests: the MIL op types each ONNX op type became (by the ops' origins).</param>
public sealed record ConformanceResult(string Name, string Suite, string Op, ConformanceOutcome Outcome, string? Message,
    IReadOnlyList<string>? FrozenInputs = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? MilOps = null)
{
    /// <summary>The key of the test in the known-failures file: <c>suite/name</c>.</summary>
    public string Key => $"{Suite}/{Name}";
}

/// <summary>Counts for a group of tests.</summary>
/// <param name="Passed">Tests passed.</param>
/// <param name="Failed">Tests failed.</param>
/// <param name="Unsupported">Tests unsupported.</param>
public sealed record ConformanceCounts(int Passed, int Failed, int Unsupported)
{
    /// <summary>All tests.</summary>
    public int Total => Passed + Failed + Unsupported;

    /// <summary>Counts of a set of results.</summary>
    public static ConformanceCounts Of(IEnumerable<ConformanceResult> results)
    {
        var list = results.ToList();
        return new(list.Count(r => r.Outcome == ConformanceOutcome.Passed), list.Count(r => r.Outcome == ConformanceOutcome.Failed),
            list.Count(r => r.Outcome == ConformanceOutcome.Unsupported));
    }
}
