using System.Diagnostics;
using System.Globalization;
using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Precision.Search;

/// <summary>The ranked part of the search: keep the ops with the largest local FP16 error in FP32, k by bisection.</summary>
public sealed partial class MixedPrecisionSearch
{
    private Dictionary<string, double>? _flops;

    /// <summary>
    /// Ranks the ops still in FP16 by sensitivity (largest first; ties in program order) and keeps the top k in
    /// FP32, with k the smallest passing count found by bisection between 0 (fails: the caller's plan failed) and all of
    /// them. Each evaluated k becomes a trade-off point. Returns the kept ops, most sensitive first.
    /// </summary>
    private List<string> KeepMostSensitive(HashSet<string> keep, List<string> order, Dictionary<string, int> position, Dictionary<string, string> evidence)
    {
        var clock = Stopwatch.StartNew();
        var errors = Sensitivity(LocalFp16Error.Measure(_subject, _samples, _options.Policy));
        var ranking = order.Where(n => !keep.Contains(n)).OrderByDescending(n => errors.GetValueOrDefault(n)).ThenBy(n => position[n]).ToList();
        _log.Add($"local FP16 error of {errors.Count} op(s) measured in one FP32 pass ({clock.ElapsedMilliseconds} ms); most sensitive: " +
            string.Join(", ", ranking.Take(5).Select(n => $"{n} ({E(errors.GetValueOrDefault(n))})")));
        HashSet<string> Top(int k) => new(keep.Concat(ranking.Take(k)), StringComparer.Ordinal);
        bool Point(int k)
        {
            var set = Top(k);
            var r = Try(set, k == ranking.Count ? "every ranked op in FP32" : $"top {k} op(s) by local FP16 error in FP32");
            _tradeOff.RemoveAll(p => p.K == k);
            _tradeOff.Add(new TradeOffPoint(k, set.Count, 1 - ((double)set.Count / order.Count), 1 - (KeptFlops(set) / TotalFlops()), r.MaxAbs, r.MaxRel, r.Passed));
            return r.Passed;
        }
        Point(0);
        if (_evaluations >= _options.Budget || !Point(ranking.Count))
        {
            _log.Add(_evaluations >= _options.Budget ? "no budget left for the ranked search" : "even with every ranked op in FP32 the outputs fail");
            keep.UnionWith(ranking);
            foreach (var n in ranking)
            {
                evidence[n] = "kept in FP32: no plan converting it was verified";
            }
            return [];
        }
        int lo = 0, hi = ranking.Count;
        while (hi - lo > 1 && _evaluations < _options.Budget)
        {
            var mid = (lo + hi) / 2;
            if (Point(mid))
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }
        if (hi - lo > 1)
        {
            _left = $"budget of {_options.Budget} evaluation(s) exhausted while bisecting over the ranking: top {hi} pass, top {lo} fail, counts between were not tried";
        }
        var kept = ranking.Take(hi).ToList();
        keep.UnionWith(kept);
        for (var i = 0; i < kept.Count; i++)
        {
            evidence[kept[i]] = $"rank {i + 1} of {ranking.Count} by local FP16 error (sensitivity {E(errors.GetValueOrDefault(kept[i]))}); " +
                $"the top {hi} in FP32 pass, the top {lo} fail";
        }
        _log.Add($"ranked search: top {hi} of {ranking.Count} op(s) kept in FP32");
        kept.Reverse();
        return kept;
    }

    /// <summary>
    /// An op's sensitivity: the larger of its own local FP16 error and its float consumers' (one hop of propagation).
    /// A consumer's local error includes the rounding of its inputs, and when both run in FP16 that rounding happens at
    /// the producer's output, so keeping the consumer alone in FP32 does not remove it: the producer shares the score.
    /// </summary>
    private Dictionary<string, double> Sensitivity(IReadOnlyList<LocalError> local)
    {
        var own = local.ToDictionary(e => e.Op, e => e.RelativeL2, StringComparer.Ordinal);
        var score = new Dictionary<string, double>(own, StringComparer.Ordinal);
        foreach (var op in _subject.Fp32.Main.Body.Operations.Where(Eligible))
        {
            var consumers = op.Outputs.Where(o => o.Type is TensorType t && t.DataType.IsFloat()).SelectMany(o => o.Consumers);
            var shared = consumers.Select(c => own.GetValueOrDefault(c.Name)).DefaultIfEmpty().Max();
            score[op.Name] = Math.Max(own.GetValueOrDefault(op.Name), shared);
        }
        return score;
    }

    /// <summary>Estimated FLOPs of the kept ops.</summary>
    private double KeptFlops(IEnumerable<string> keep)
    {
        var flops = Flops();
        return keep.Sum(n => flops.GetValueOrDefault(n));
    }

    private double TotalFlops() => Math.Max(Flops().Values.Sum(), double.Epsilon);

    private Dictionary<string, double> Flops() => _flops ??= _subject.Fp32.Main.Body.Operations.Where(Eligible)
        .ToDictionary(o => o.Name, OpCost.Flops, StringComparer.Ordinal);

    private static string E(double v) => v.ToString("G3", CultureInfo.InvariantCulture);
}
