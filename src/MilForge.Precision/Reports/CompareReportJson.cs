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
            ["criterion"] = Criterion(o),
        };
        if (t.Stat == ErrorStat.TopK)
        {
            json["k"] = t.TopK;
        }
        if (t.Stat == ErrorStat.Quantile)
        {
            json["quantile"] = t.Quantile;
        }
        if (t.Stat != ErrorStat.Elemwise && !t.IsCriterion)
        {
            json["checked"] = new JsonObject { ["abs"] = Number(o.CheckedAbsolute), ["rel"] = Number(o.CheckedRelative) };
        }
        json["elements"] = c.Elements;
        json["mismatches"] = c.Mismatches;
        json["minAtol"] = Number(o.MinAtol);
        json["minRtol"] = Number(o.MinRtol);
        json["psnr"] = s is null ? null : Number(s.Psnr);
        json["cosine"] = s is null ? null : Number(s.Cosine);
        json["relL2"] = s is null ? null : Number(s.RelativeL2);
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

    /// <summary>
    /// What decided an output: <c>{"name": "cosine", "measured": 0.99995, "relation": "&gt;=", "threshold": 0.9999,
    /// "passed": true}</c> (see <see cref="CheckDecision"/> for the names).
    /// </summary>
    public static JsonObject Criterion(OutputCheck o)
    {
        var d = o.Decision;
        return new JsonObject
        {
            ["name"] = d.Criterion,
            ["measured"] = Number(d.Measured),
            ["relation"] = d.Relation,
            ["threshold"] = Number(d.Threshold),
            ["passed"] = d.Passed,
        };
    }

    /// <summary>
    /// The criterion an output is held to, without measurements: <c>{"output", "mode", "atol", "rtol"}</c>, plus
    /// <c>quantile</c> in quantile mode, <c>threshold</c> and <c>relation</c> in the criterion modes, <c>k</c> for topk.
    /// </summary>
    public static JsonObject Tolerance(string output, ToleranceSpec t)
    {
        var json = new JsonObject { ["output"] = output, ["mode"] = t.StatName, ["atol"] = t.Atol, ["rtol"] = t.Rtol };
        if (t.Stat == ErrorStat.Quantile)
        {
            json["quantile"] = t.Quantile;
        }
        if (t.IsCriterion)
        {
            json["relation"] = t.HigherIsBetter ? ">=" : "<=";
            json["threshold"] = t.Threshold;
        }
        if (t.Stat == ErrorStat.TopK)
        {
            json["k"] = t.TopK;
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
