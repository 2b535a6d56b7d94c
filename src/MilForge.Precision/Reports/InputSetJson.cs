using System.Text.Json.Nodes;
using MilForge.Numerics;
using MilForge.Precision.Inputs;

namespace MilForge.Precision.Reports;

/// <summary>
/// The <c>inputs</c> object of the verbs' JSON reports: where the samples come from, their names, and per input its
/// source (generated, loaded, value), what its values are and why (e.g. indices within an embedding table, ones for a mask).
/// </summary>
public static class InputSetJson
{
    /// <summary>The input set as a JSON object.</summary>
    public static JsonObject ToJson(InputSet set) => new()
    {
        ["origin"] = set.Origin,
        ["samples"] = new JsonArray([.. set.Samples.Select(s => (JsonNode)s.Name)]),
        ["inputs"] = new JsonArray([.. set.Choices.Select(c => (JsonNode)Choice(c))]),
    };

    private static JsonObject Choice(InputChoice c)
    {
        var json = new JsonObject
        {
            ["name"] = c.Signature.Name,
            ["dtype"] = c.Signature.DataType.MilName(),
            ["shape"] = c.Signature.Shape.ToString(),
            ["source"] = c.Source.ToString().ToLowerInvariant(),
            ["values"] = c.Values,
            ["reason"] = c.Reason,
        };
        if (c.Recipe is { } r)
        {
            json["distribution"] = r.Ones ? "ones" : r.Distribution.ToString().ToLowerInvariant();
            if (r.IndexLimit is { } limit)
            {
                json["low"] = 0;
                json["high"] = limit - 1;
                json["indexLimit"] = limit;
            }
            else if (r.Range is { } range)
            {
                json["low"] = range.Low;
                json["high"] = range.High;
            }
        }
        return json;
    }
}
