using System.CommandLine;
using System.Globalization;
using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Precision.Comparison;

namespace MilForge.Cli.Commands;

/// <summary>
/// compare's tolerance options, each repeatable as a bare default (<c>--atol 1e-4</c>) and per-output overrides
/// (<c>--atol y:1e-3</c>). A value that parses as a whole is the default; otherwise the text splits at its last colon,
/// so output names may contain colons (<c>--atol Identity:0:1e-3</c>).
/// </summary>
internal sealed class CompareTolerances
{
    private readonly PerOutput<double> _atol;
    private readonly PerOutput<double> _rtol;
    private readonly PerOutput<ErrorStat> _stat;
    private readonly PerOutput<double> _quantile;

    private CompareTolerances(PerOutput<double> atol, PerOutput<double> rtol, PerOutput<ErrorStat> stat, PerOutput<double> quantile) =>
        (_atol, _rtol, _stat, _quantile) = (atol, rtol, stat, quantile);

    /// <summary>The options, in the order they are added to the command.</summary>
    public static Option<string[]>[] Options() =>
    [
        Repeatable("--atol", "Absolute tolerance, default 1e-4; NAME:VALUE sets it for one output (repeat the option)."),
        Repeatable("--rtol", "Relative tolerance (of the reference value), default 1e-3; NAME:VALUE for one output."),
        Repeatable("--check-error-stat", "elemwise (default: every element within atol + rtol·|ref|), max, mean, median or quantile: that statistic of the abs error <= atol or of the rel error <= rtol; NAME:MODE for one output."),
        Repeatable("--error-quantile", "The quantile checked by --check-error-stat quantile, default 0.99; NAME:Q for one output."),
    ];

    /// <summary>The default tolerance (bare values or the built-in defaults).</summary>
    public ToleranceSpec Default => new(_atol.Fallback, _rtol.Fallback, _stat.Fallback, _quantile.Fallback);

    /// <summary>Parses the four options' values; bad syntax or values throw a CLI6001 diagnostic.</summary>
    public static CompareTolerances Parse(string[]? atol, string[]? rtol, string[]? stat, string[]? quantile) => new(
        PerOutput<double>.Parse("--atol", atol, 1e-4, Tolerance, "a non-negative number"),
        PerOutput<double>.Parse("--rtol", rtol, 1e-3, Tolerance, "a non-negative number"),
        PerOutput<ErrorStat>.Parse("--check-error-stat", stat, ErrorStat.Elemwise, ToleranceSpec.ParseStat, "elemwise, max, mean, median or quantile"),
        PerOutput<double>.Parse("--error-quantile", quantile, 0.99, s => Tolerance(s) is { } q && q <= 1 ? q : null, "a number in [0, 1]"));

    /// <summary>Throws a CLI6001 diagnostic naming every override whose output is not among <paramref name="outputs"/>.</summary>
    public void Validate(IReadOnlyList<string> outputs)
    {
        var known = outputs.Concat(outputs.Select(NameScope.Sanitize)).ToHashSet(StringComparer.Ordinal);
        var named = new[] { (_atol.Option, _atol.Names), (_rtol.Option, _rtol.Names), (_stat.Option, _stat.Names), (_quantile.Option, _quantile.Names) };
        var unknown = named.SelectMany(p => p.Names.Where(n => !known.Contains(n)).Select(n => $"{p.Option} {n}:…")).ToList();
        if (unknown.Count > 0)
        {
            throw new DiagnosticException(DiagnosticCodes.CliUsage,
                $"{string.Join(", ", unknown)}: no such output; the model's outputs are {string.Join(", ", outputs.Select(o => $"'{o}'"))}.");
        }
    }

    /// <summary>The tolerance of one output (by its ONNX name or its sanitized Core ML name).</summary>
    public ToleranceSpec For(string output) => new(_atol.For(output), _rtol.For(output), _stat.For(output), _quantile.For(output));

    private static Option<string[]> Repeatable(string name, string description) => new(name)
    {
        Description = description,
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static double? Tolerance(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0 ? v : null;

    private sealed class PerOutput<T>(string option, T fallback, Dictionary<string, T> overrides) where T : struct
    {
        public string Option => option;

        public T Fallback => fallback;

        public IEnumerable<string> Names => overrides.Keys;

        public T For(string output) =>
            overrides.TryGetValue(output, out var v) || overrides.TryGetValue(NameScope.Sanitize(output), out v) ? v : fallback;

        public static PerOutput<T> Parse(string option, string[]? values, T builtIn, Func<string, T?> parse, string expected)
        {
            T? fallback = null;
            var overrides = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (var text in values ?? [])
            {
                if (parse(text) is { } bare)
                {
                    fallback = fallback is null ? bare : throw Bad(option, text, "a default value is given twice");
                    continue;
                }
                var colon = text.LastIndexOf(':');
                if (colon <= 0 || colon == text.Length - 1)
                {
                    throw Bad(option, text, $"expected VALUE or NAME:VALUE, where VALUE is {expected}");
                }
                var (name, value) = (text[..colon], text[(colon + 1)..]);
                var parsed = parse(value) ?? throw Bad(option, text, $"'{value}' is not {expected}");
                if (!overrides.TryAdd(name, parsed))
                {
                    throw Bad(option, text, $"output '{name}' is given twice");
                }
            }
            return new PerOutput<T>(option, fallback ?? builtIn, overrides);
        }

        private static DiagnosticException Bad(string option, string text, string why) =>
            new(DiagnosticCodes.CliUsage, $"{option} '{text}': {why}.");
    }
}
