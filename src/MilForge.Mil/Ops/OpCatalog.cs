using System.Reflection;

namespace MilForge.Mil.Ops;

/// <summary>
/// The MIL op definitions MilForge knows, by op type and deployment target. <see cref="Default"/> holds every
/// concrete <see cref="OpDefinition"/> in this assembly; other catalogs can add more.
/// </summary>
public sealed class OpCatalog
{
    private readonly Dictionary<string, List<OpDefinition>> _byName = new(StringComparer.Ordinal);

    /// <summary>Creates a catalog of the given definitions.</summary>
    public OpCatalog(IEnumerable<OpDefinition> definitions)
    {
        foreach (var d in definitions)
        {
            if (!_byName.TryGetValue(d.Name, out var list))
            {
                _byName[d.Name] = list = [];
            }
            if (list.Any(x => x.Since == d.Since))
            {
                throw new ArgumentException($"Two definitions of '{d.Name}' claim {d.Since}.");
            }
            list.Add(d);
            list.Sort((a, b) => a.Since.CompareTo(b.Since));
        }
    }

    /// <summary>Every op definition in MilForge.Mil.</summary>
    public static OpCatalog Default { get; } = FromAssembly(typeof(OpCatalog).Assembly);

    /// <summary>Builds a catalog from every public or internal concrete definition type in an assembly.</summary>
    public static OpCatalog FromAssembly(Assembly assembly) => new(assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(OpDefinition)) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (OpDefinition)Activator.CreateInstance(t)!));

    /// <summary>All op types, sorted.</summary>
    public IEnumerable<string> OpTypes => _byName.Keys.Order(StringComparer.Ordinal);

    /// <summary>Every definition (all versions).</summary>
    public IEnumerable<OpDefinition> All => _byName.Values.SelectMany(l => l);

    /// <summary>True when the op type is known at some target.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The newest version of <paramref name="name"/> available at <paramref name="target"/>, or null.</summary>
    public OpDefinition? Resolve(string name, DeploymentTarget target) =>
        _byName.TryGetValue(name, out var list) ? list.LastOrDefault(d => d.Since <= target) : null;

    /// <summary>The oldest version of <paramref name="name"/>, or null when unknown.</summary>
    public OpDefinition? Oldest(string name) => _byName.TryGetValue(name, out var list) ? list[0] : null;
}
