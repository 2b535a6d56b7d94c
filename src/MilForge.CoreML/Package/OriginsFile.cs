using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MilForge.Diagnostics;
using MilForge.Mil;

namespace MilForge.CoreML.Package;

/// <summary>
/// MilForge's own package item <c>Data/com.milforge/origins.json</c>: the ONNX node (and passes) behind every MIL op,
/// so that tools reading the package later — <c>debug-precision</c>, <c>inspect</c> — can still name the source node.
/// Core ML's loader accepts any manifest item with its four keys and an existing path (facts doc §1.2) and ignores
/// items of other authors. Format version 1:
/// <code>{ "format": "milforge-origins", "version": 1,
///   "functions": { "main": { "opName": { "node": "/Mul_1", "op": "Mul", "passes": ["fp16"] } } } }</code>
/// Ops are keyed by their first output's name, unique within a function.
/// </summary>
public static class OriginsFile
{
    /// <summary>The item's author folder.</summary>
    public const string Author = "com.milforge";

    /// <summary>The item's name.</summary>
    public const string Name = "origins.json";

    private const string Format = "milforge-origins";

    /// <summary>The file's bytes, or null when no op of the program has a known origin.</summary>
    public static byte[]? Build(MilProgram program)
    {
        var functions = new JsonObject();
        foreach (var (name, function) in program.Functions)
        {
            var ops = new JsonObject();
            foreach (var op in function.AllOperations().Where(o => !o.Origin.IsNone && o.Outputs.Count > 0))
            {
                var entry = new JsonObject { ["node"] = op.Origin.NodeName, ["op"] = op.Origin.OpType };
                if (op.Origin.Passes is { Count: > 0 } passes)
                {
                    entry["passes"] = new JsonArray([.. passes.Select(p => (JsonNode)p)]);
                }
                ops[op.Outputs[0].Name] = entry;
            }
            if (ops.Count > 0)
            {
                functions[name] = ops;
            }
        }
        if (functions.Count == 0)
        {
            return null;
        }
        var root = new JsonObject { ["format"] = Format, ["version"] = 1, ["functions"] = functions };
        return Encoding.UTF8.GetBytes(root.ToJsonString() + "\n");
    }

    /// <summary>Sets the origin of every op the file names; PKG3001 when the file is not an origins file.</summary>
    public static void Apply(MilProgram program, byte[] bytes, string path)
    {
        JsonObject functions;
        try
        {
            if (JsonNode.Parse(bytes) is not JsonObject root || (string?)root["format"] != Format || root["functions"] is not JsonObject f)
            {
                throw Bad(path, $"is not a MilForge origins file (\"format\": \"{Format}\" with \"functions\")");
            }
            if ((int?)root["version"] != 1)
            {
                throw Bad(path, $"has version {root["version"]?.ToJsonString() ?? "(none)"}; this MilForge reads version 1");
            }
            functions = f;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw Bad(path, $"is malformed: {e.Message}");
        }
        foreach (var (functionName, opsNode) in functions)
        {
            if (!program.Functions.TryGetValue(functionName, out var function) || opsNode is not JsonObject ops)
            {
                continue;
            }
            foreach (var op in function.AllOperations().Where(o => o.Outputs.Count > 0))
            {
                if (ops[op.Outputs[0].Name] is JsonObject entry)
                {
                    op.Origin = new Origin(Text(entry["node"]), Text(entry["op"]),
                        entry["passes"] is JsonArray passes ? [.. passes.Select(p => Text(p) ?? "")] : null);
                }
            }
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static DiagnosticException Bad(string path, string message) => new(DiagnosticCodes.PkgBadManifest, $"'{path}' {message}.");
}
