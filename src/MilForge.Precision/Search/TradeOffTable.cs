using System.Globalization;

namespace MilForge.Precision.Search;

/// <summary>The ranked search's trade-off curve as a plain-text table: k ops kept in FP32 vs output error vs FP16 share.</summary>
public static class TradeOffTable
{
    /// <summary>The table's lines (none when the search did not rank ops).</summary>
    public static IReadOnlyList<string> Lines(SearchResult result)
    {
        if (result.TradeOff.Count == 0)
        {
            return [];
        }
        var lines = new List<string>
        {
            "Trade-off (top k ops by local FP16 error kept in FP32; each row is one evaluation):",
            $"  {"k",5}  {"FP32 ops",8}  {"FP16 ops",8}  {"FP16 FLOPs",10}  {"max abs err",11}  {"max rel err",11}  result",
        };
        foreach (var p in result.TradeOff)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"  {p.K,5}  {p.Fp32Ops,8}  {p.OpsFp16Share,8:P1}  {p.FlopsFp16Share,10:P1}  {p.MaxAbsError,11:G3}  {p.MaxRelError,11:G3}  {(p.Passed ? "pass" : "fail")}"));
        }
        return lines;
    }
}
