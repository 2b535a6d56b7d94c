using System.Reflection;

namespace MilForge.Onnx.Import;

/// <summary>
/// The ONNX converters, found by reflection over <see cref="OnnxOpAttribute"/> (no central list to edit).
/// Resolution picks the newest since-version ≤ the model's opset.
/// </summary>
public sealed class ConverterRegistry
{
    private readonly Dictionary<(string Domain, string OpType), List<(int Since, IOnnxConverter Converter)>> _entries = [];

    /// <summary>Builds the registry from every converter in an assembly; a (domain, op, since) claimed twice is an error.</summary>
    public ConverterRegistry(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => typeof(IOnnxConverter).IsAssignableFrom(t) && !t.IsAbstract))
        {
            var attributes = type.GetCustomAttributes<OnnxOpAttribute>().ToList();
            if (attributes.Count == 0)
            {
                continue;
            }
            var converter = (IOnnxConverter)Activator.CreateInstance(type, nonPublic: true)!;
            foreach (var a in attributes)
            {
                var key = (a.Domain, a.OpType);
                if (!_entries.TryGetValue(key, out var list))
                {
                    _entries[key] = list = [];
                }
                foreach (var since in a.SinceVersions)
                {
                    if (list.Any(e => e.Since == since))
                    {
                        throw new InvalidOperationException($"ONNX op {a.OpType} since {since} is claimed twice (second: {type.Name}).");
                    }
                    list.Add((since, converter));
                }
                list.Sort((x, y) => x.Since.CompareTo(y.Since));
            }
        }
    }

    /// <summary>The converters of MilForge.Onnx.</summary>
    public static ConverterRegistry Default { get; } = new(typeof(ConverterRegistry).Assembly);

    /// <summary>Every (domain, op type) with its since-versions, sorted.</summary>
    public IEnumerable<(string Domain, string OpType, IReadOnlyList<int> Since)> Entries =>
        _entries.OrderBy(e => e.Key.Domain, StringComparer.Ordinal).ThenBy(e => e.Key.OpType, StringComparer.Ordinal)
            .Select(e => (e.Key.Domain, e.Key.OpType, (IReadOnlyList<int>)[.. e.Value.Select(v => v.Since)]));

    /// <summary>True when the op type has a converter at some version.</summary>
    public bool Knows(string domain, string opType) => _entries.ContainsKey((domain, opType));

    /// <summary>The converter and since-version for a model opset, or null.</summary>
    public (IOnnxConverter Converter, int Since)? Resolve(string domain, string opType, int opset)
    {
        if (!_entries.TryGetValue((domain, opType), out var list))
        {
            return null;
        }
        var match = list.LastOrDefault(e => e.Since <= opset);
        return match.Converter is null ? null : (match.Converter, match.Since);
    }
}
