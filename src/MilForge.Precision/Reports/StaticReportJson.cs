using System.Text.Json.Nodes;
using MilForge.Precision.Static;

namespace MilForge.Precision.Reports;

/// <summary>
/// The <c>debug-precision --static --json</c> document: input intervals, FP16 findings, where soundness breaks, and
/// every op's bound. Infinite ends are the strings "inf" and "-inf" (JSON has no infinity).
/// </summary>
public static class StaticReportJson
{
    /// <summary>Serializes a static report.</summary>
    public static string Write(string model, StaticReport report) => ToJson(model, report).ToJsonString(JsonFormat.Indented) + "\n";

    /// <summary>The report as a JSON object.</summary>
    public static JsonObject ToJson(string model, StaticReport report) => new()
    {
        ["model"] = model,
        ["mode"] = "static",
        ["allProven"] = report.AllProven,
        ["mayOverflow"] = report.MayOverflow,
        ["inputs"] = new JsonArray([.. report.Inputs.Select(i => (JsonNode)new JsonObject
        {
            ["name"] = i.Name,
            ["low"] = Number(i.Range.Low),
            ["high"] = Number(i.Range.High),
            ["assumed"] = i.Assumed,
        })]),
        ["findings"] = new JsonArray([.. report.Findings.Select(o => (JsonNode)Op(o))]),
        ["unsound"] = new JsonArray([.. report.Unsound.Select(o => (JsonNode)Op(o))]),
        ["ops"] = new JsonArray([.. report.Ops.Select(o => (JsonNode)Op(o))]),
    };

    /// <summary>The name of a risk in reports: none, overflow, subnormal, flushToZero.</summary>
    public static string RiskName(Fp16Risk risk) => risk switch
    {
        Fp16Risk.Overflow => "overflow",
        Fp16Risk.Subnormal => "subnormal",
        Fp16Risk.FlushToZero => "flushToZero",
        _ => "none",
    };

    private static JsonObject Op(OpBound o) => new()
    {
        ["index"] = o.Index,
        ["op"] = o.Name,
        ["opType"] = o.OpType,
        ["onnxNode"] = o.Origin.NodeName,
        ["onnxOpType"] = o.Origin.OpType,
        ["low"] = Number(o.Bound.Range.Low),
        ["high"] = Number(o.Bound.Range.High),
        ["mayBeNaN"] = o.Bound.Range.MayBeNaN,
        ["kind"] = o.Bound.Kind.ToString().ToLowerInvariant(),
        ["risk"] = RiskName(o.Risk),
        ["unboundedBy"] = o.Bound.UnboundedBy,
        ["note"] = o.Note,
    };

    private static JsonNode Number(double v) => double.IsFinite(v) ? JsonValue.Create(v) : JsonValue.Create(v > 0 ? "inf" : "-inf");
}
