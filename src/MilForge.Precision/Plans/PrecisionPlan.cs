using System.Text.Json;
using System.Text.Json.Nodes;
using MilForge.Diagnostics;
using MilForge.Mil;

namespace MilForge.Precision.Plans;

/// <summary>One op a plan keeps in FP32: identified by its ONNX node (stable across conversions) and/or its MIL name.</summary>
/// <param name="OnnxNode">The ONNX node name, if known.</param>
/// <param name="MilOp">The MIL op name, if known.</param>
/// <param name="OpType">The op type, for readers.</param>
/// <param name="Reason">Why it is kept (the evidence).</param>
public sealed record PlanEntry(string? OnnxNode, string? MilOp, string? OpType, string? Reason);

/// <summary>
/// A precision plan: the ops to keep in FP32 when converting in FP16 (<c>convert --precision-plan plan.json</c>),
/// written by hand or by the precision search. Format version 1:
/// <code>
/// { "format": "milforge-precision-plan", "version": 1,
///   "keepFp32": [ { "onnxNode": "/Mul_1", "milOp": "z", "opType": "Mul", "reason": "…" } ] }
/// </code>
/// An entry names one MIL op exactly when its <c>milOp</c> exists in the program being converted (a plan replayed on
/// the same model and MilForge version reproduces the searched program); otherwise — a hand-written plan, or a
/// program whose MIL names changed — it keeps every op that came from its <c>onnxNode</c>.
/// </summary>
public sealed record PrecisionPlan(IReadOnlyList<PlanEntry> KeepFp32)
{
    /// <summary>The format marker.</summary>
    public const string Format = "milforge-precision-plan";

    /// <summary>The version this build reads and writes.</summary>
    public const int Version = 1;

    /// <summary>True when the plan keeps this op in FP32.</summary>
    public bool Keeps(Operation op) => KeepFp32.Any(e => Matches(e, op));

    /// <summary>Entries that keep no op of <paramref name="program"/> (worth a warning: the plan was made for another model).</summary>
    public IEnumerable<PlanEntry> Unmatched(MilProgram program)
    {
        var ops = program.Functions.Values.SelectMany(f => f.AllOperations()).ToList();
        return KeepFp32.Where(e => !ops.Any(op => Matches(e, op)));
    }

    private static bool Matches(PlanEntry e, Operation op)
    {
        var function = op.Parent?.Function;
        if (e.MilOp is not null && (function is null || function.Names.IsUsed(e.MilOp)))
        {
            return e.MilOp == op.Name;
        }
        return e.OnnxNode is not null && e.OnnxNode == op.Origin.NodeName;
    }

    /// <summary>Serializes the plan.</summary>
    public string ToJson()
    {
        var entries = new JsonArray([.. KeepFp32.Select(e => (JsonNode)new JsonObject
        {
            ["onnxNode"] = e.OnnxNode,
            ["milOp"] = e.MilOp,
            ["opType"] = e.OpType,
            ["reason"] = e.Reason,
        })]);
        var root = new JsonObject { ["format"] = Format, ["version"] = Version, ["keepFp32"] = entries };
        return root.ToJsonString(MilForge.Precision.Reports.JsonFormat.Indented) + "\n";
    }

    /// <summary>Reads a plan file; PRC5002 for anything malformed.</summary>
    public static PrecisionPlan Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DiagnosticException(DiagnosticCodes.CliBadFile, $"Cannot read precision plan '{path}': {e.Message}");
        }
        return Parse(text, path);
    }

    /// <summary>Parses plan JSON; <paramref name="path"/> names it in diagnostics.</summary>
    public static PrecisionPlan Parse(string text, string path)
    {
        JsonNode? root;
        try
        {
            // Duplicate keys are refused while parsing (JsonObject would otherwise throw ArgumentException on first access).
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw Bad(path, $"is not valid JSON: {e.Message}");
        }
        if (root is not JsonObject obj || obj["format"] is not JsonValue format || !format.TryGetValue<string>(out var marker) || marker != Format)
        {
            throw Bad(path, $"is not a precision plan (\"format\": \"{Format}\" is missing)");
        }
        if (obj["version"] is not JsonValue v || !v.TryGetValue<int>(out var version) || version != Version)
        {
            throw Bad(path, $"has version {obj["version"]?.ToJsonString() ?? "(none)"}; this MilForge reads version {Version}");
        }
        if (obj["keepFp32"] is not JsonArray list)
        {
            throw Bad(path, "has no \"keepFp32\" list");
        }
        var entries = new List<PlanEntry>();
        foreach (var item in list)
        {
            if (item is not JsonObject e)
            {
                throw Bad(path, "has a keepFp32 entry that is not an object");
            }
            var entry = new PlanEntry(Str(e, "onnxNode", path), Str(e, "milOp", path), Str(e, "opType", path), Str(e, "reason", path));
            if (entry.OnnxNode is null && entry.MilOp is null)
            {
                throw Bad(path, "has a keepFp32 entry with neither \"onnxNode\" nor \"milOp\"");
            }
            entries.Add(entry);
        }
        return new PrecisionPlan(entries);
    }

    private static string? Str(JsonObject obj, string key, string path) => obj[key] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw Bad(path, $"field \"{key}\" must be a string"),
    };

    private static DiagnosticException Bad(string path, string message) => new(DiagnosticCodes.PrcBadPlan, $"'{path}' {message}.");
}
