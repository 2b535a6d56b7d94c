using System.Text.Json.Nodes;
using MilForge.Diagnostics;
using MilForge.Mil.Passes.Fp16;
using MilForge.Precision;

namespace MilForge.Cli.Commands;

/// <summary>The <c>convert --json</c> report.</summary>
internal static class ConversionReportJson
{
    public static string Write(string source, string package, ConversionOptions options, ConversionResult result, JsonObject? auto = null)
    {
        static JsonObject OriginJson(Origin o) => new() { ["onnxNode"] = o.NodeName, ["onnxOpType"] = o.OpType };
        var fp16 = result.Fp16;
        var root = new JsonObject
        {
            ["source"] = source,
            ["package"] = package,
            ["target"] = options.Target.ToString(),
            ["precision"] = options.Precision == ComputePrecision.Fp16 ? "fp16" : "fp32",
            ["ioDtype"] = options.EffectiveFp16IO ? "fp16" : "fp32",
            // As the command line spells it (the enum's names, e.g. "KeepFp32", are not an accepted value).
            ["onWeightOverflow"] = options.OnWeightOverflow switch
            {
                WeightOverflowAction.KeepFp32 => "keep-fp32",
                WeightOverflowAction.Saturate => "saturate",
                WeightOverflowAction.Error => "error",
                _ => "auto",
            },
            ["ops"] = new JsonObject
            {
                ["fp16"] = result.Summary.Fp16Ops,
                ["fp32"] = result.Summary.Fp32Ops,
                ["casts"] = result.Summary.Casts,
            },
            ["weightOverflow"] = new JsonArray([.. (fp16?.Overflows ?? []).Select(o => (JsonNode)new JsonObject
            {
                ["constant"] = o.Constant,
                ["origin"] = OriginJson(o.Origin),
                ["maxAbs"] = o.MaxAbs,
                ["overflowing"] = o.Overflowing,
                ["sentinels"] = o.Sentinels,
                ["elements"] = o.Elements,
                ["consumers"] = new JsonArray([.. o.Consumers.Select(c => (JsonNode)c)]),
                ["action"] = o.Action,
            })]),
            ["underflow"] = new JsonArray([.. (fp16?.Underflows ?? []).Select(u => (JsonNode)new JsonObject
            {
                ["constant"] = u.Constant,
                ["origin"] = OriginJson(u.Origin),
                ["flushed"] = u.Flushed,
                ["elements"] = u.Elements,
                ["action"] = u.Action,
            })]),
            ["keptFp32"] = new JsonArray([.. (fp16?.KeptFp32 ?? []).Select(k => (JsonNode)new JsonObject
            {
                ["op"] = k.Op,
                ["origin"] = OriginJson(k.Origin),
                ["reason"] = k.Reason,
            })]),
            ["diagnostics"] = new JsonArray([.. result.Diagnostics.Select(d => (JsonNode)new JsonObject
            {
                ["code"] = d.Code,
                ["severity"] = d.Severity.ToString().ToLowerInvariant(),
                ["message"] = d.Message,
            })]),
        };
        if (auto is not null)
        {
            root["precision"] = "auto";
            root["auto"] = auto;
        }
        return root.ToJsonString(MilForge.Precision.Reports.JsonFormat.Indented) + "\n";
    }
}
