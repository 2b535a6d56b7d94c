using System.CommandLine;
using System.Globalization;
using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Precision.Comparison;

namespace MilForge.Cli.Commands;

/// <summary>
/// The tolerance options of compare, debug-precision and convert --precision auto, each repeatable as a bare default
/// (<c>--atol 1e-4</c>) and per-output overrides (<c>--atol y:1e-3</c>). A value that parses as a whole is the
/// default; otherwise the text splits at its last colon whose right side parses, so output names may contain colons
/// (<c>--atol Identity:0:1e-3</c>, <c>--check-error-stat logits:topk:5</c>).
/// </summary>
internal sealed class CompareTolerances
{
    private const string Modes = "elemwise, max, mean, median, quantile, cosine, psnr, rel-l2 or topk[:K]";

    private readonly PerOutput<double> _atol;
    private readonly PerOutput<double> _rtol;
    private readonly PerOutput<StatChoice> _stat;
    private readonly PerOutput<double> _quantile;
    private readonly PerOutput<double> _cosine;
    private readonly PerOutput<double> _psnr;
    private readonly PerOutput<double> _relL2;
    private readonly PerOutput<double> _agreement;

    private CompareTolerances(PerOutput<double>[] numbers, PerOutput<StatChoice> stat)
    {
        (_atol, _rtol, _quantile, _cosine, _psnr, _relL2, _agreement) = (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5], numbers[6]);
        _stat = stat;
    }

    /// <summary>The options, in the order <see cref="Parse(ParseResult, Option{string[]}[], double, double)"/> reads them.</summary>
    public static Option<string[]>[] Options(double atol = 1e-4, double rtol = 1e-3) =>
    [
        Repeatable("--atol", Invariant($"Absolute tolerance, default {atol:G}; NAME:VALUE sets it for one output (repeat the option).")),
        Repeatable("--rtol", Invariant($"Relative tolerance (of the reference value), default {rtol:G}; NAME:VALUE for one output.")),
        Repeatable("--check-error-stat", "What decides an output: elemwise (default: every element within atol + rtol·|ref|); max, mean, median or quantile "
            + "(that statistic of the abs error <= atol or of the rel error <= rtol); cosine (>= --cosine), psnr (dB >= --psnr, peak = max |ref|), "
            + "rel-l2 (||cand - ref||2 / ||ref||2 <= --rel-l2) or topk:K (along the last axis, the candidate's argmax is in the reference's top K "
            + "in at least --topk-agreement of the rows; topk = topk:1). NAME:MODE for one output."),
        Repeatable("--error-quantile", "The quantile checked by --check-error-stat quantile, default 0.99; NAME:Q for one output."),
        Repeatable("--cosine", "Smallest cosine similarity passing --check-error-stat cosine, default 0.9999; NAME:VALUE for one output."),
        Repeatable("--psnr", "Smallest PSNR in dB passing --check-error-stat psnr, default 40; NAME:VALUE for one output."),
        Repeatable("--rel-l2", "Largest relative L2 error passing --check-error-stat rel-l2, default 1e-2; NAME:VALUE for one output."),
        Repeatable("--topk-agreement", "Smallest share of rows (0..1) that must agree under --check-error-stat topk:K, default 1; NAME:VALUE for one output."),
    ];

    /// <summary>The default tolerance (bare values or the built-in defaults).</summary>
    public ToleranceSpec Default => Spec(p => p.Fallback, _stat.Fallback);

    /// <summary>Parses the options' values (as made by <see cref="Options"/>); bad syntax or values throw a CLI6001 diagnostic.</summary>
    public static CompareTolerances Parse(ParseResult parse, Option<string[]>[] options, double atol = 1e-4, double rtol = 1e-3)
    {
        string[]? Values(int i) => parse.GetValue(options[i]);
        var numbers = new[]
        {
            PerOutput<double>.Parse("--atol", Values(0), atol, NonNegative, "a non-negative number"),
            PerOutput<double>.Parse("--rtol", Values(1), rtol, NonNegative, "a non-negative number"),
            PerOutput<double>.Parse("--error-quantile", Values(3), 0.99, Share, "a number in [0, 1]"),
            PerOutput<double>.Parse("--cosine", Values(4), 0.9999, s => Finite(s) is { } c && c is >= -1 and <= 1 ? c : null, "a number in [-1, 1]"),
            PerOutput<double>.Parse("--psnr", Values(5), 40, Finite, "a number of dB"),
            PerOutput<double>.Parse("--rel-l2", Values(6), 1e-2, NonNegative, "a non-negative number"),
            PerOutput<double>.Parse("--topk-agreement", Values(7), 1, Share, "a number in [0, 1]"),
        };
        return new CompareTolerances(numbers, PerOutput<StatChoice>.Parse("--check-error-stat", Values(2), new StatChoice(ErrorStat.Elemwise, 1), StatChoice.Parse, Modes));
    }

    /// <summary>
    /// Throws a CLI6001 diagnostic naming every override whose output is not among <paramref name="outputs"/> (by
    /// name or sanitized name), and every threshold no output's mode uses (e.g. <c>--cosine y:0.99</c> while y is elemwise).
    /// </summary>
    public void Validate(IReadOnlyList<string> outputs)
    {
        var known = outputs.Concat(outputs.Select(NameScope.Sanitize)).ToHashSet(StringComparer.Ordinal);
        var named = new[] { (_atol.Option, _atol.Names), (_rtol.Option, _rtol.Names), (_stat.Option, _stat.Names), (_quantile.Option, _quantile.Names),
            (_cosine.Option, _cosine.Names), (_psnr.Option, _psnr.Names), (_relL2.Option, _relL2.Names), (_agreement.Option, _agreement.Names) };
        var unknown = named.SelectMany(p => p.Names.Where(n => !known.Contains(n) && !known.Contains(NameScope.Sanitize(n))).Select(n => $"{p.Option} {n}:…")).ToList();
        if (unknown.Count > 0)
        {
            throw new DiagnosticException(DiagnosticCodes.CliUsage,
                $"{string.Join(", ", unknown)}: no such output; the model's outputs are {string.Join(", ", outputs.Select(o => $"'{o}'"))}.");
        }
        var thresholds = new[] { (_quantile, ErrorStat.Quantile), (_cosine, ErrorStat.Cosine), (_psnr, ErrorStat.Psnr), (_relL2, ErrorStat.RelL2), (_agreement, ErrorStat.TopK) };
        var unused = new List<string>();
        foreach (var (option, stat) in thresholds)
        {
            unused.AddRange(option.Names.Where(n => _stat.For(n).Stat != stat).Select(n => $"{option.Option} {n}:… (its mode is {_stat.For(n).Text})"));
            if (option.HasBareValue && outputs.All(o => _stat.For(o).Stat != stat))
            {
                unused.Add($"{option.Option} (no output is checked with {ToleranceSpec.Name(stat)})");
            }
        }
        if (unused.Count > 0)
        {
            throw new DiagnosticException(DiagnosticCodes.CliUsage,
                $"{string.Join(", ", unused)}: the threshold would be ignored; add --check-error-stat [NAME:]MODE for the mode it belongs to.");
        }
    }

    /// <summary>The tolerance of one output (by its ONNX name or its sanitized Core ML name).</summary>
    public ToleranceSpec For(string output) => Spec(p => p.For(output), _stat.For(output));

    /// <summary>Validates against <paramref name="outputs"/> and returns the default with an override for every output that differs.</summary>
    public OutputTolerances Resolve(IReadOnlyList<string> outputs)
    {
        Validate(outputs);
        var overrides = outputs.Select(o => (o, Spec: For(o))).Where(p => p.Spec != Default).ToDictionary(p => p.o, p => p.Spec, StringComparer.Ordinal);
        return new OutputTolerances(Default, overrides);
    }

    private ToleranceSpec Spec(Func<PerOutput<double>, double> value, StatChoice stat) => new(value(_atol), value(_rtol), stat.Stat, value(_quantile))
    {
        MinCosine = value(_cosine),
        MinPsnr = value(_psnr),
        MaxRelL2 = value(_relL2),
        TopK = stat.K,
        MinTopKAgreement = value(_agreement),
    };

    private static Option<string[]> Repeatable(string name, string description) => new(name)
    {
        Description = description,
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static double? Finite(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

    private static double? NonNegative(string text) => Finite(text) is { } v && v >= 0 ? v : null;

    private static double? Share(string text) => NonNegative(text) is { } v && v <= 1 ? v : null;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A mode of --check-error-stat, with K for topk.</summary>
    private readonly record struct StatChoice(ErrorStat Stat, int K)
    {
        public string Text => Stat == ErrorStat.TopK ? $"topk:{K}" : ToleranceSpec.Name(Stat);

        public static StatChoice? Parse(string text)
        {
            if (text.StartsWith("topk:", StringComparison.Ordinal))
            {
                return int.TryParse(text[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1 ? new StatChoice(ErrorStat.TopK, k) : null;
            }
            return ToleranceSpec.ParseStat(text) is { } stat ? new StatChoice(stat, 1) : null;
        }
    }

    private sealed class PerOutput<T>(string option, T fallback, bool hasBareValue, Dictionary<string, T> overrides) where T : struct
    {
        public string Option => option;

        public T Fallback => fallback;

        public bool HasBareValue => hasBareValue;

        public IEnumerable<string> Names => overrides.Keys;

        public T For(string output)
        {
            if (overrides.TryGetValue(output, out var v) || overrides.TryGetValue(NameScope.Sanitize(output), out v))
            {
                return v;
            }
            foreach (var (name, value) in overrides)
            {
                if (NameScope.Sanitize(name) == output)
                {
                    return value;
                }
            }
            return fallback;
        }

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
                var (name, parsed) = Split(option, text, parse, expected);
                if (!overrides.TryAdd(name, parsed))
                {
                    throw Bad(option, text, $"output '{name}' is given twice");
                }
            }
            return new PerOutput<T>(option, fallback ?? builtIn, fallback is not null, overrides);
        }

        /// <summary>NAME:VALUE at the last colon whose right side parses (VALUE itself may hold a colon, as topk:5 does).</summary>
        private static (string Name, T Value) Split(string option, string text, Func<string, T?> parse, string expected)
        {
            var last = text.LastIndexOf(':');
            if (last <= 0 || last == text.Length - 1)
            {
                throw Bad(option, text, $"expected VALUE or NAME:VALUE, where VALUE is {expected}");
            }
            for (var colon = last; colon > 0; colon = text.LastIndexOf(':', colon - 1))
            {
                if (parse(text[(colon + 1)..]) is { } value)
                {
                    return (text[..colon], value);
                }
            }
            throw Bad(option, text, $"'{text[(last + 1)..]}' is not {expected}");
        }

        private static DiagnosticException Bad(string option, string text, string why) =>
            new(DiagnosticCodes.CliUsage, $"{option} '{text}': {why}.");
    }
}
