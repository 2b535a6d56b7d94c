using System.Text.Json.Nodes;
using MilForge.Precision.Debugging;
using MilForge.Precision.Search;

namespace MilForge.Precision.Reports;

/// <summary>The <c>debug-precision --json</c> document: origin ops, per-op statistics, outputs and, when searched, the plan.</summary>
public static class DebugReportJson
{
    /// <summary>Serializes a debug report (and search result, if any).</summary>
    public static string Write(string model, DebugReport report, SearchResult? search) =>
        ToJson(model, report, search).ToJsonString(JsonFormat.Indented) + "\n";

    /// <summary>The report as a JSON object.</summary>
    public static JsonObject ToJson(string model, DebugReport report, SearchResult? search)
    {
        var root = new JsonObject
        {
            ["model"] = model,
            ["samples"] = report.Samples,
            ["accumulationPolicy"] = report.Policy,
            ["fp16ProducesNonFinite"] = report.Fp16ProducesNonFinite,
            ["originOps"] = new JsonArray([.. report.OriginOps.Select(o => (JsonNode)Op(o))]),
            ["outputs"] = new JsonArray([.. report.Outputs.Select(o => (JsonNode)Output(o))]),
            ["ops"] = new JsonArray([.. report.Ops.Select(o => (JsonNode)Op(o))]),
        };
        if (search is not null)
        {
            root["search"] = new JsonObject
            {
                ["evaluations"] = search.Evaluations,
                ["verified"] = search.Verified,
                ["opsFp16Share"] = search.OpsFp16Share,
                ["flopsFp16Share"] = search.FlopsFp16Share,
                ["casts"] = search.CastsAdded,
                ["keptFp32"] = new JsonArray([.. search.Kept.Select(k => (JsonNode)new JsonObject
                {
                    ["milOp"] = k.Op,
                    ["opType"] = k.OpType,
                    ["onnxNode"] = k.Origin.NodeName,
                    ["onnxOpType"] = k.Origin.OpType,
                    ["evidence"] = k.Evidence,
                })]),
                ["left"] = search.Left,
                ["tradeOff"] = new JsonArray([.. search.TradeOff.Select(p => (JsonNode)new JsonObject
                {
                    ["k"] = p.K,
                    ["fp32Ops"] = p.Fp32Ops,
                    ["opsFp16Share"] = p.OpsFp16Share,
                    ["flopsFp16Share"] = p.FlopsFp16Share,
                    ["maxAbsError"] = Finite(p.MaxAbsError),
                    ["maxRelError"] = Finite(p.MaxRelError),
                    ["passed"] = p.Passed,
                })]),
                ["log"] = new JsonArray([.. search.Log.Select(l => (JsonNode)l)]),
            };
        }
        return root;
    }

    private static JsonObject Op(OpStatistics o) => new()
    {
        ["milOp"] = o.Name,
        ["opType"] = o.OpType,
        ["onnxNode"] = o.Origin.NodeName,
        ["onnxOpType"] = o.Origin.OpType,
        ["status"] = o.Status.ToString(),
        ["min"] = Finite(o.Min),
        ["max"] = Finite(o.Max),
        ["absMax"] = o.AbsMax,
        ["headroom"] = Finite(o.Headroom),
        ["beyondFp16Share"] = o.BeyondFp16Share,
        ["flushToZeroShare"] = o.FlushToZeroShare,
        ["maxAbsError"] = o.MaxAbsError,
        ["maxRelError"] = o.MaxRelError,
        ["nanFp16"] = o.NaNFp16,
        ["infFp16"] = o.InfFp16,
        ["firstNonFiniteSample"] = o.FirstNonFiniteSample,
    };

    private static JsonObject Output(OutputReport o) => new()
    {
        ["name"] = o.Name,
        ["passed"] = o.Passed,
        ["criterion"] = o.Check is null ? null : CompareReportJson.Criterion(o.Check),
        ["maxAbsError"] = Finite(o.Comparison.MaxAbsError),
        ["maxRelError"] = Finite(o.Comparison.MaxRelError),
        ["mismatches"] = o.Comparison.Mismatches,
        ["newNonFinite"] = o.Comparison.NewNonFinite,
        ["errorHistogram"] = new JsonArray([.. o.ErrorHistogram.Select(c => (JsonNode)c)]),
    };

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
