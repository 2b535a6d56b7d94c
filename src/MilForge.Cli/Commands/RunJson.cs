using System.Text.Json.Nodes;
using MilForge.Numerics;
using MilForge.Precision.Reports;

namespace MilForge.Cli.Commands;

/// <summary>The <c>run --json</c> summary: per sample, each output's dtype, shape, range, mean, NaN/Inf counts, and the files written.</summary>
internal static class RunJson
{
    public static JsonObject Sample(string name, string directory, IReadOnlyList<KeyValuePair<string, Tensor>> results, IReadOnlyList<string> files) => new()
    {
        ["name"] = name,
        ["directory"] = directory,
        ["outputs"] = new JsonArray([.. results.Select(r => (JsonNode)Output(r.Key, r.Value))]),
        ["files"] = new JsonArray([.. files.Select(f => (JsonNode)f)]),
    };

    public static string Write(string model, IEnumerable<JsonObject> samples) =>
        new JsonObject { ["model"] = model, ["samples"] = new JsonArray([.. samples]) }.ToJsonString(JsonFormat.Indented) + "\n";

    private static JsonObject Output(string name, Tensor t)
    {
        var o = new JsonObject
        {
            ["name"] = name,
            ["dtype"] = t.DataType.MilName(),
            ["shape"] = new JsonArray([.. t.Shape.Select(d => (JsonNode)d)]),
        };
        if (t.DataType == DataType.String || t.Length == 0)
        {
            return o;
        }
        var values = t.AsDoubles();
        var finite = values.Where(double.IsFinite).ToArray();
        o["min"] = finite.Length == 0 ? null : finite.Min();
        o["max"] = finite.Length == 0 ? null : finite.Max();
        o["mean"] = finite.Length == 0 ? null : finite.Average();
        o["nan"] = values.Count(double.IsNaN);
        o["inf"] = values.Count(double.IsInfinity);
        return o;
    }
}
