using MilForge.Mil.Ops;
using MilForge.Onnx.Import;
using MilForge.Precision.Conformance;

namespace MilForge.Precision.Tests.Conformance;

/// <summary>
/// The conformance ratchet over every ONNX backend test in ../shared/onnx-backend-tests: each test passes or is in
/// tests/conformance/known-failures.tsv with its reason; a listed test that passes fails (the list only shrinks); no
/// suite passes fewer tests than its baseline. And docs/supported-ops.md is what the registry and this run generate.
/// </summary>
public class ConformanceRatchetSharedTests
{
    private static readonly Lazy<IReadOnlyList<ConformanceResult>> Results = new(() =>
    {
        var root = SharedData.Path("onnx-backend-tests");
        var runner = new ConformanceRunner();
        return [.. ConformanceRunner.FindTests(root).Select(t => runner.Run(t, root))];
    });

    private static string RepositoryFile(params string[] parts) => Path.Combine([SharedData.RepositoryRoot, .. parts]);

    [Fact]
    public void EveryBackendTestPassesOrIsAKnownFailureShared()
    {
        SharedData.Require();
        var known = KnownFailures.Parse(File.ReadAllText(RepositoryFile("tests", "conformance", "known-failures.tsv")));
        var problems = known.Check(Results.Value);
        Assert.True(problems.Count == 0, $"{problems.Count} ratchet problem(s); fix them or regenerate the file with "
            + "`milforge conformance ../shared/onnx-backend-tests --write-known-failures tests/conformance/known-failures.tsv`:\n"
            + string.Join("\n", problems.Take(60)));
    }

    [Fact]
    public void EveryKnownFailureHasAOneLineReasonShared()
    {
        SharedData.Require();
        var known = KnownFailures.Parse(File.ReadAllText(RepositoryFile("tests", "conformance", "known-failures.tsv")));
        Assert.NotEmpty(known.Baselines);
        Assert.All(known.Reasons, kv => Assert.True(kv.Value.Length > 10, $"{kv.Key} has no reason"));
    }

    [Fact]
    public void EveryHandWrittenReasonStillNamesAKnownFailure()
    {
        var known = KnownFailures.Parse(File.ReadAllText(RepositoryFile("tests", "conformance", "known-failures.tsv")));
        var reasons = KnownFailures.ParseReasons(File.ReadAllText(RepositoryFile("tests", "conformance", "reasons.txt")));
        Assert.NotEmpty(reasons);
        Assert.All(reasons, r => Assert.True(known.Reasons.Keys.Any(r.Pattern.IsMatch), $"'{r.Pattern}' in reasons.txt matches no known failure: remove it"));
        Assert.All(reasons, r => Assert.True(r.Reason.Length > 10, $"'{r.Pattern}' has no reason"));
    }

    [Fact]
    public void TheNodeSuiteMeetsItsBaselineShared()
    {
        SharedData.Require();
        var known = KnownFailures.Parse(File.ReadAllText(RepositoryFile("tests", "conformance", "known-failures.tsv")));
        var passed = Results.Value.Count(r => r.Suite == "node" && r.Outcome == ConformanceOutcome.Passed);
        Assert.True(passed >= known.Baselines["node"], $"node: {passed} passed, baseline {known.Baselines["node"]}");
    }

    [Fact]
    public void TheSupportedOpsDocumentIsCurrentShared()
    {
        SharedData.Require();
        var expected = SupportedOpsDocument.Write(ConverterRegistry.Default, OpCatalog.Default, Results.Value);
        var actual = File.ReadAllText(RepositoryFile("docs", "supported-ops.md")).ReplaceLineEndings("\n");
        Assert.True(expected == actual, "docs/supported-ops.md is out of date; regenerate it with "
            + "`milforge conformance ../shared/onnx-backend-tests --supported-ops docs/supported-ops.md`");
    }

    [Fact]
    public void TheRatchetCatchesAnUnlistedFailureAStaleEntryAndADropBelowTheBaseline()
    {
        var results = new List<ConformanceResult>
        {
            new("test_a", "node", "Relu", ConformanceOutcome.Passed, null),
            new("test_b", "node", "Mod", ConformanceOutcome.Unsupported, "x/model.onnx: 1 node(s) use ONNX ops MilForge cannot convert yet: Mod ×1 ('m')."),
            new("test_c", "node", "Add", ConformanceOutcome.Failed, "output 'y' differs"),
        };
        var known = KnownFailures.Parse("# baseline node 2\nnode/test_a\tunsupported: was\nnode/test_b\tunsupported: Mod\n");
        var problems = known.Check(results);
        Assert.Contains(problems, p => p.StartsWith("node/test_c is failed and not listed", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("node/test_a passes now", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("below the baseline of 2", StringComparison.Ordinal));
        Assert.Equal(3, problems.Count);

        var regenerated = KnownFailures.Parse(KnownFailures.Format(results, KnownFailures.ParseReasons("node/test_b | Mod is not converted yet\n")));
        Assert.Empty(regenerated.Check(results));
        Assert.Equal("unsupported: Mod is not converted yet", regenerated.Reasons["node/test_b"]);
        Assert.Equal("failed: output 'y' differs", regenerated.Reasons["node/test_c"]);
        Assert.Equal(1, regenerated.Baselines["node"]);
    }
}
