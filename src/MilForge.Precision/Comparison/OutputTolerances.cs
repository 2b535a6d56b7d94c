using MilForge.Mil;

namespace MilForge.Precision.Comparison;

/// <summary>
/// A default <see cref="ToleranceSpec"/> and per-output overrides, the criteria a run's outputs are held to. An
/// override's key is an output's ONNX name or its Core ML (sanitized) name; both find it.
/// </summary>
/// <param name="Default">The tolerance of every output without an override.</param>
/// <param name="Overrides">Per-output tolerances by output name.</param>
public sealed record OutputTolerances(ToleranceSpec Default, IReadOnlyDictionary<string, ToleranceSpec> Overrides)
{
    /// <summary>The same tolerance for every output.</summary>
    public static OutputTolerances Uniform(ToleranceSpec tolerance) => new(tolerance, new Dictionary<string, ToleranceSpec>(StringComparer.Ordinal));

    /// <summary>The tolerance of one output.</summary>
    public ToleranceSpec For(string output)
    {
        if (Overrides.TryGetValue(output, out var t) || Overrides.TryGetValue(NameScope.Sanitize(output), out t))
        {
            return t;
        }
        foreach (var (name, spec) in Overrides)
        {
            if (NameScope.Sanitize(name) == output)
            {
                return spec;
            }
        }
        return Default;
    }
}
