using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MilForge.Diagnostics;

namespace MilForge.CoreML.Package;

/// <summary>One entry of <c>Manifest.json</c>'s <c>itemInfoEntries</c>.</summary>
/// <param name="Identifier">The item's identifier (a UUID string).</param>
/// <param name="Author">Author, <c>com.apple.CoreML</c> for Core ML items.</param>
/// <param name="Description">Human description.</param>
/// <param name="Name">Item name (<c>model.mlmodel</c>, <c>weights</c>).</param>
/// <param name="Path">Path relative to <c>Data/</c>.</param>
public sealed record ManifestItem(string Identifier, string Author, string Description, string Name, string Path);

/// <summary>
/// The package manifest (facts doc §1.2): <c>fileFormatVersion</c> 1.0.0, items by identifier, and the root model's
/// identifier. Written as coremltools' C++ library writes it: keys sorted, 4-space indentation, a final newline.
/// </summary>
public sealed record Manifest(IReadOnlyList<ManifestItem> Items, string RootModelIdentifier)
{
    /// <summary>The only file format version Core ML accepts.</summary>
    public const string FileFormatVersion = "1.0.0";

    /// <summary>The root model item.</summary>
    public ManifestItem RootModel => Items.First(i => i.Identifier == RootModelIdentifier);

    /// <summary>Serializes to the JSON text.</summary>
    public string ToJson()
    {
        var entries = new JsonObject();
        foreach (var item in Items.OrderBy(i => i.Identifier, StringComparer.Ordinal))
        {
            entries[item.Identifier] = new JsonObject
            {
                ["author"] = item.Author,
                ["description"] = item.Description,
                ["name"] = item.Name,
                ["path"] = item.Path,
            };
        }
        var root = new JsonObject
        {
            ["fileFormatVersion"] = FileFormatVersion,
            ["itemInfoEntries"] = entries,
            ["rootModelIdentifier"] = RootModelIdentifier,
        };
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, IndentSize = 4 }))
        {
            root.WriteTo(writer);
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Parses and validates manifest text the way Core ML's loader does; PKG3001 on any problem.</summary>
    public static Manifest Parse(string json, string path)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw Bad(path, $"is not valid JSON: {e.Message}");
        }
        if (root is not JsonObject obj)
        {
            throw Bad(path, "is not a JSON object");
        }
        var version = String(obj, "fileFormatVersion", path);
        var parts = version.Split('.');
        if (parts.Length != 3 || parts.Any(p => !int.TryParse(p, out var v) || v < 0) || version != FileFormatVersion)
        {
            throw Bad(path, $"has fileFormatVersion '{version}'; only {FileFormatVersion} is supported");
        }
        if (obj["itemInfoEntries"] is not JsonObject entries)
        {
            throw Bad(path, "has no itemInfoEntries object");
        }
        var items = new List<ManifestItem>();
        foreach (var (id, node) in entries)
        {
            if (node is not JsonObject entry)
            {
                throw Bad(path, $"item '{id}' is not an object");
            }
            items.Add(new ManifestItem(id, String(entry, "author", path, id), String(entry, "description", path, id),
                String(entry, "name", path, id), String(entry, "path", path, id)));
        }
        var duplicate = items.GroupBy(i => (i.Name, i.Author)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw Bad(path, $"lists item '{duplicate.Key.Author}/{duplicate.Key.Name}' more than once");
        }
        var rootId = String(obj, "rootModelIdentifier", path);
        if (items.All(i => i.Identifier != rootId))
        {
            throw Bad(path, $"rootModelIdentifier '{rootId}' is not one of its items");
        }
        return new Manifest(items, rootId);
    }

    private static string String(JsonObject obj, string key, string path, string? item = null) =>
        obj[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s
            : throw Bad(path, item is null ? $"has no string '{key}'" : $"item '{item}' has no string '{key}'");

    private static DiagnosticException Bad(string path, string message) =>
        new(DiagnosticCodes.PkgBadManifest, $"'{path}' {message}.");
}
