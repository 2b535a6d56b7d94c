using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MilForge.Precision.Conformance;

/// <summary>
/// The conformance ratchet: every test that does not pass is listed with a one-line reason, and each suite has a
/// baseline of passed tests. <see cref="Check"/> fails when a test fails or is unsupported without being listed, when
/// a listed test passes (remove it: the list only shrinks), or when a suite passes fewer tests than its baseline.
/// The file is tab-separated: <c>suite/test&lt;TAB&gt;reason</c>; <c># baseline SUITE N</c> lines hold the baselines.
/// </summary>
public sealed class KnownFailures
{
    private const string BaselinePrefix = "# baseline ";

    private KnownFailures(Dictionary<string, string> reasons, Dictionary<string, int> baselines)
    {
        Reasons = reasons;
        Baselines = baselines;
    }

    /// <summary>The reason of each listed test, by <c>suite/name</c>.</summary>
    public IReadOnlyDictionary<string, string> Reasons { get; }

    /// <summary>The least number of passed tests per suite.</summary>
    public IReadOnlyDictionary<string, int> Baselines { get; }

    /// <summary>Parses the file's text.</summary>
    public static KnownFailures Parse(string text)
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var baselines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith(BaselinePrefix, StringComparison.Ordinal))
            {
                var parts = line[BaselinePrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    baselines[parts[0]] = n;
                }
                continue;
            }
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var tab = line.IndexOf('\t');
            reasons[tab < 0 ? line : line[..tab]] = tab < 0 ? "" : line[(tab + 1)..];
        }
        return new KnownFailures(reasons, baselines);
    }

    /// <summary>Every way the results break the ratchet, one line each (empty when they keep it).</summary>
    public IReadOnlyList<string> Check(IReadOnlyList<ConformanceResult> results)
    {
        var problems = new List<string>();
        foreach (var r in results.Where(r => r.Outcome != ConformanceOutcome.Passed && !Reasons.ContainsKey(r.Key)))
        {
            problems.Add($"{r.Key} is {r.Outcome.ToString().ToLowerInvariant()} and not listed: {Reason(r)}");
        }
        foreach (var r in results.Where(r => r.Outcome == ConformanceOutcome.Passed && Reasons.ContainsKey(r.Key)))
        {
            problems.Add($"{r.Key} passes now: remove it from the known failures");
        }
        foreach (var suite in results.GroupBy(r => r.Suite))
        {
            var passed = suite.Count(r => r.Outcome == ConformanceOutcome.Passed);
            if (Baselines.TryGetValue(suite.Key, out var baseline) && passed < baseline)
            {
                problems.Add($"suite {suite.Key}: {passed} passed, below the baseline of {baseline}");
            }
        }
        return problems;
    }

    /// <summary>
    /// The file for a run: every test that does not pass with its reason — the first hand-written reason whose pattern
    /// matches the whole <c>suite/test</c> key (see <see cref="ParseReasons"/>), else the outcome and message — and the
    /// run's passes as baselines.
    /// </summary>
    public static string Format(IReadOnlyList<ConformanceResult> results, IReadOnlyList<(Regex Pattern, string Reason)>? reasons = null)
    {
        var text = new StringBuilder();
        text.Append("# ONNX backend tests that MilForge does not pass, with the reason (tab-separated: suite/test, reason).\n");
        text.Append("# Checked by the conformance ratchet test: a test missing here that fails, or listed here that passes, fails the run.\n");
        text.Append("# Generated; do not edit: hand-written reasons go into tests/conformance/reasons.txt. Regenerate with:\n");
        text.Append("#   milforge conformance ../shared/onnx-backend-tests --write-known-failures tests/conformance/known-failures.tsv\n");
        foreach (var suite in results.GroupBy(r => r.Suite).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{BaselinePrefix}{suite.Key} {suite.Count(r => r.Outcome == ConformanceOutcome.Passed)}\n");
        }
        foreach (var r in results.Where(r => r.Outcome != ConformanceOutcome.Passed).OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var written = reasons?.FirstOrDefault(p => p.Pattern.IsMatch(r.Key)).Reason;
            var reason = written is { Length: > 0 } ? $"{r.Outcome.ToString().ToLowerInvariant()}: {written}" : Reason(r);
            text.Append(CultureInfo.InvariantCulture, $"{r.Key}\t{reason}\n");
        }
        return text.ToString();
    }

    /// <summary>
    /// Hand-written reasons (tests/conformance/reasons.txt): per line a regular expression matched against the whole
    /// <c>suite/test</c> key, then <c> | </c>, then the reason; <c>#</c> lines are comments.
    /// </summary>
    public static IReadOnlyList<(Regex Pattern, string Reason)> ParseReasons(string text) =>
    [
        .. text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(" | ", 2))
            .Select(p => (new Regex($"^(?:{p[0].Trim()})$"), p.Length > 1 ? p[1].Trim() : "")),
    ];

    /// <summary>A one-line reason: the outcome and the message without the model's path.</summary>
    public static string Reason(ConformanceResult result)
    {
        var message = result.Message ?? "";
        var marker = message.IndexOf("model.onnx: ", StringComparison.Ordinal);
        if (marker >= 0)
        {
            message = message[(marker + "model.onnx: ".Length)..];
        }
        message = message.ReplaceLineEndings(" ").Replace('\t', ' ');
        if (message.Length > 300)
        {
            message = message[..297] + "...";
        }
        return $"{result.Outcome.ToString().ToLowerInvariant()}: {message}";
    }
}
