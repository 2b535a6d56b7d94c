using System.Globalization;
using MilForge.Diagnostics;
using MilForge.Numerics;

namespace MilForge.Precision.Inputs;

/// <summary>One sample: its name (the folder it came from, or <c>seed N</c>) and a tensor per input.</summary>
/// <param name="Name">The sample's name.</param>
/// <param name="Values">The inputs by name.</param>
public sealed record InputSample(string Name, Dictionary<string, Tensor> Values);

/// <summary>
/// The samples a verb runs on and, per input, what it got and why: loaded from sample folders (<c>--inputs</c>), or
/// seeded random samples (seeds <c>seed</c>, <c>seed + 1</c>, …) generated as the overrides and the inputs' detected
/// roles say (<see cref="InputRoles"/>: embedding indices within the table, ones for masks); <c>--input-value</c>
/// constants replace either.
/// </summary>
public sealed class InputSet
{
    private InputSet(string origin, IReadOnlyList<InputSample> samples, IReadOnlyList<InputChoice> choices)
    {
        Origin = origin;
        Samples = samples;
        Choices = choices;
    }

    /// <summary>Where the samples come from, e.g. "2 seeded random samples (seeds 0..1)".</summary>
    public string Origin { get; }

    /// <summary>The samples, in order.</summary>
    public IReadOnlyList<InputSample> Samples { get; }

    /// <summary>What each input got, in model order.</summary>
    public IReadOnlyList<InputChoice> Choices { get; }

    /// <summary>
    /// Generates <paramref name="count"/> seeded samples for <paramref name="signatures"/> (model order; given shapes
    /// applied here), with the recipes <see cref="Recipes"/> chooses.
    /// </summary>
    public static InputSet Generate(IReadOnlyList<TensorSignature> signatures, InputOverrides overrides,
        IReadOnlyDictionary<string, InputRole>? roles, int count = 1, int seed = RandomInputs.DefaultSeed)
    {
        if (count < 1)
        {
            throw new DiagnosticException(DiagnosticCodes.CliUsage, "--samples must be at least 1.");
        }
        signatures = overrides.Apply(signatures);
        var recipes = Recipes(signatures, overrides, roles ?? new Dictionary<string, InputRole>());
        var samples = Enumerable.Range(seed, count)
            .Select(s => Filled(new InputSample($"seed {s}", RandomInputs.Generate(signatures, s, recipes)), signatures, overrides)).ToList();
        var choices = signatures.Select((s, k) => overrides.Values.ContainsKey(s.Name) ? ValueChoice(s, overrides)
            : new InputChoice(s, InputSource.Generated, recipes[k].Describe(s), Symbolic(s, recipes[k].Reason), recipes[k])).ToList();
        var origin = count == 1 ? $"seeded random inputs (seed {seed})" : $"{count} seeded random samples (seeds {seed}..{seed + count - 1})";
        return new InputSet(origin, samples, choices);
    }

    /// <summary>
    /// Loads every sample of the folders (each a sample folder or a folder of sample folders, see
    /// <see cref="TestDataLoader.LoadSamples"/>); loaded indices outside the table they index are called out.
    /// </summary>
    public static InputSet Load(IReadOnlyList<string> folders, IReadOnlyList<TensorSignature> signatures, InputOverrides overrides,
        IReadOnlyDictionary<string, InputRole>? roles = null)
    {
        signatures = overrides.Apply(signatures);
        var samples = folders.SelectMany(f => TestDataLoader.LoadSamples(f, signatures))
            .Select(s => Filled(s, signatures, overrides)).ToList();
        var where = string.Join(", ", folders);
        var choices = signatures.Select(s => overrides.Values.ContainsKey(s.Name) ? ValueChoice(s, overrides)
            : new InputChoice(s, InputSource.Loaded, Loaded(s.Name, samples, roles is null ? null : RoleOf(s.Name, roles)), $"--inputs {where}")).ToList();
        var origin = samples.Count == 1 ? $"inputs from {where}" : $"{samples.Count} samples from {where} ({string.Join(", ", samples.Select(s => s.Name))})";
        return new InputSet(origin, samples, choices);
    }

    /// <summary>
    /// Each input's recipe: <c>--input-range</c> / <c>--input-dist</c> when given (a distribution alone keeps a
    /// detected index range), else indices within the smallest table it indexes, else ones for a mask, else the default.
    /// </summary>
    public static IReadOnlyList<InputRecipe> Recipes(IReadOnlyList<TensorSignature> signatures, InputOverrides overrides,
        IReadOnlyDictionary<string, InputRole> roles) =>
        [.. signatures.Select(s => Recipe(s.Name, overrides, RoleOf(s.Name, roles)))];

    /// <summary>The role of an input by its ONNX or MIL (sanitized) name.</summary>
    public static InputRole? RoleOf(string name, IReadOnlyDictionary<string, InputRole> roles) =>
        roles.TryGetValue(name, out var role) || roles.TryGetValue(Mil.NameScope.Sanitize(name), out role) ? role : null;

    private static InputRecipe Recipe(string name, InputOverrides overrides, InputRole? role)
    {
        var range = overrides.Ranges.TryGetValue(name, out var r) ? r : null;
        var distribution = overrides.Distributions.TryGetValue(name, out var d) ? d : (InputDistribution?)null;
        if (range is not null || distribution is not null)
        {
            var given = string.Join(" and ", new[] { range is null ? null : "--input-range", distribution is null ? null : "--input-dist" }.OfType<string>());
            return range is null && role is { Kind: InputRoleKind.Indices }
                ? new InputRecipe(name, distribution!.Value, null, false, role.IndexLimit, $"{given}; {role.Reason}")
                : new InputRecipe(name, distribution ?? InputDistribution.Uniform, range, false, null, given);
        }
        return role switch
        {
            { Kind: InputRoleKind.Indices } => new InputRecipe(name, InputDistribution.Uniform, null, false, role.IndexLimit, role.Reason),
            { Kind: InputRoleKind.Mask } => new InputRecipe(name, InputDistribution.Uniform, null, true, null,
                $"{role.Reason} (other values: --input-range, --input-value or --inputs)"),
            _ => InputRecipe.Default(name),
        };
    }

    private static InputSample Filled(InputSample sample, IReadOnlyList<TensorSignature> signatures, InputOverrides overrides)
    {
        overrides.Fill(sample.Values, signatures);
        return sample;
    }

    private static InputChoice ValueChoice(TensorSignature s, InputOverrides overrides) =>
        new(s, InputSource.Value, overrides.Values[s.Name].ToString(CultureInfo.InvariantCulture), "--input-value");

    private static string Symbolic(TensorSignature s, string reason) =>
        s.Shape.IsStatic ? reason : $"{reason}; symbolic dims are 1 (fix them with --input NAME:SHAPE)";

    private static string Loaded(string name, IReadOnlyList<InputSample> samples, InputRole? role)
    {
        var values = samples.Select(s => s.Values[name]).Where(t => t.DataType != DataType.String && t.Length > 0)
            .SelectMany(t => t.AsDoubles()).Where(double.IsFinite).ToList();
        if (values.Count == 0)
        {
            return "loaded";
        }
        var text = string.Create(CultureInfo.InvariantCulture, $"loaded, values in [{values.Min():G5}, {values.Max():G5}]");
        var outside = role is { Kind: InputRoleKind.Indices } ? values.Count(v => v < -role.IndexLimit || v >= role.IndexLimit) : 0;
        return outside == 0 ? text
            : string.Create(CultureInfo.InvariantCulture, $"{text}; WARNING: {outside} value(s) beyond the {role!.IndexLimit} rows of the table ({role.Reason})");
    }
}
