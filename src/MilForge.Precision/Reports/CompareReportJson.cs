using System.Text.Json.Nodes;
using MilForge.Precision.Comparison;

namespace MilForge.Precision.Reports;

/// <summary>
/// The <c>compare --json</c> document: one verdict object with every output's tolerances, statistics and counts.
/// Numbers that are not finite are written as the strings <c>"Infinity"</c> and <c>"-Infinity"</c>; NaN (no value,
/// e.g. statistics of an output without finite pairs) as null. Text is not HTML-escaped (the file is not meant to be
/// embedded in a page).
/// </summary>
public static class CompareReportJson
{
    /// <summary>Serializes a comparison.</summary>
    public static string Write(CompareReport report) =>
        ToJson(report).ToJsonString(JsonFormat.Indented) + "\n";

    /// <summary>The comparison as a JSON object.</summary>
    public static JsonObject ToJson(CompareReport report) => new()
    {
        ["verdict"] = Verdicts.Name(report.Verdict),
        ["exitCode"] = (int)report.Verdict,
        ["reference"] = report.Reference,
        ["candidate"] = report.Candidate,
        ["precision"] = report.Precision,
        ["accumulationPolicy"] = report.AccumulationPolicy,
        ["histogramBuckets"] = new JsonArray([.. ErrorStatistics.HistogramBuckets.Select(b => (JsonNode)b)]),
        ["outputs"] = new JsonArray([.. report.Outputs.Select(o => (JsonNode)Output(o))]),
    };

    private static JsonObject Output(OutputCheck o)
    {
        var (c, s, t) = (o.Comparison, o.Statistics, o.Tolerance);
        var json = new JsonObject
        {
            ["name"] = o.Name,
            ["passed"] = o.Passed,
            ["shape"] = new JsonArray([.. o.Shape.Select(d => (JsonNode)d)]),
            ["mode"] = t.StatName,
            ["atol"] = t.Atol,
            ["rtol"] = t.Rtol,
        };
        if (t.Stat == ErrorStat.Quantile)
        {
            json["quantile"] = t.Quantile;
        }
        if (t.Stat != ErrorStat.Elemwise)
        {
            json["checked"] = new JsonObject { ["abs"] = Number(o.CheckedAbsolute), ["rel"] = Number(o.CheckedRelative) };
        }
        json["elements"] = c.Elements;
        json["mismatches"] = c.Mismatches;
        json["minAtol"] = Number(o.MinAtol);
        json["minRtol"] = Number(o.MinRtol);
        json["psnr"] = s is null ? null : Number(s.Psnr);
        json["cosine"] = s is null ? null : Number(s.Cosine);
        json["stats"] = s is null ? null : new JsonObject
        {
            ["finitePairs"] = s.FinitePairs,
            ["zeroReferenceErrors"] = s.ZeroReferenceErrors,
            ["abs"] = Summary(s.Absolute, t.Stat == ErrorStat.Quantile ? s.AbsoluteQuantile(t.Quantile) : null),
            ["rel"] = Summary(s.Relative, t.Stat == ErrorStat.Quantile ? s.RelativeQuantile(t.Quantile) : null),
        };
        json["referenceNaN"] = c.ReferenceNaN;
        json["referenceInf"] = c.ReferenceInf;
        json["candidateNaN"] = c.CandidateNaN;
        json["candidateInf"] = c.CandidateInf;
        json["newNonFinite"] = c.NewNonFinite;
        json["nonFiniteMismatches"] = s?.NonFiniteMismatches;
        json["errorHistogram"] = s is null ? null : new JsonArray([.. s.Histogram.Select(n => (JsonNode)n)]);
        if (c.Detail is not null)
        {
            json["detail"] = c.Detail;
        }
        return json;
    }

    private static JsonObject Summary(ErrorSummary summary, double? quantile)
    {
        var json = new JsonObject
        {
            ["mean"] = Number(summary.Mean),
            ["median"] = Number(summary.Median),
            ["p99"] = Number(summary.P99),
            ["max"] = Number(summary.Max),
        };
        if (quantile is { } q)
        {
            json["quantile"] = Number(q);
        }
        return json;
    }

    private static JsonNode? Number(double v) =>
        double.IsNaN(v) ? null : double.IsPositiveInfinity(v) ? "Infinity" : double.IsNegativeInfinity(v) ? "-Infinity" : JsonValue.Create(v);
}
