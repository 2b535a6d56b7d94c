using System.Text.RegularExpressions;

namespace MilForge.Mil.Passes.Fp16;

/// <summary>
/// Selects ops by user patterns (<c>--fp32-ops</c>): each pattern matches an op's MIL type (<c>softmax</c>), the ONNX
/// op type it came from (<c>Softmax</c>), its ONNX node name (<c>/encoder/layer.0/Softmax</c>) or its MIL name.
/// <c>*</c> and <c>?</c> are wildcards; matching is case-sensitive, as ONNX and MIL names are.
/// </summary>
public sealed class OpPatterns
{
    private readonly List<(string Text, Regex Regex)> _patterns;

    /// <summary>Compiles the patterns.</summary>
    public OpPatterns(IEnumerable<string> patterns) =>
        _patterns = [.. patterns.Where(p => p.Length > 0).Select(p => (p, new Regex("^" + Regex.Escape(p).Replace("\\*", ".*").Replace("\\?", ".") + "$")))];

    /// <summary>Parses a comma-separated list.</summary>
    public static OpPatterns Parse(string list) => new(list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The patterns as given.</summary>
    public IEnumerable<string> Patterns => _patterns.Select(p => p.Text);

    /// <summary>True when any pattern matches the op.</summary>
    public bool Matches(Operation op) => _patterns.Any(p =>
        p.Regex.IsMatch(op.Type) || p.Regex.IsMatch(op.Name)
        || (op.Origin.OpType is { } t && p.Regex.IsMatch(t)) || (op.Origin.NodeName is { } n && p.Regex.IsMatch(n)));

    /// <summary>Patterns that match no op of the program (likely typos, reported to the user).</summary>
    public IEnumerable<string> Unmatched(MilProgram program)
    {
        var ops = program.Functions.Values.SelectMany(f => f.AllOperations()).Where(o => !o.IsConst).ToList();
        return _patterns.Where(p => !ops.Any(op => new OpPatterns([p.Text]).Matches(op))).Select(p => p.Text);
    }
}
