using MilForge.Mil;
using MilForge.Numerics;
using MilForge.Precision.Comparison;
using MilForge.Precision.Debugging;
using MilForge.Runtime;

namespace MilForge.Precision.Search;

/// <summary>Options of <see cref="MixedPrecisionSearch"/>.</summary>
public sealed record SearchOptions
{
    /// <summary>
    /// The criteria every output must meet against the FP32 run on every sample (default: elementwise, atol and rtol
    /// 1e-2); any <see cref="ToleranceSpec"/> mode, per output.
    /// </summary>
    public OutputTolerances Tolerances { get; init; } = OutputTolerances.Uniform(new ToleranceSpec(1e-2, 1e-2));

    /// <summary>Seeds are ops reading or producing FP32 values beyond this magnitude.</summary>
    public double RangeThreshold { get; init; } = Fp16.MaxValue;

    /// <summary>At most this many evaluations (each runs the candidate over every sample).</summary>
    public int Budget { get; init; } = 64;

    /// <summary>FP16 islands of at most this many ops between FP32 ops go to FP32 when that removes casts.</summary>
    public int IslandSize { get; init; } = 2;

    /// <summary>The accumulation policy of the FP16 runs.</summary>
    public PrecisionPolicy Policy { get; init; } = PrecisionPolicy.Default;
}

/// <summary>
/// Chooses a small set of ops to keep in FP32 so the FP16 program matches the FP32 one on every sample:
/// <list type="number">
/// <item>evaluate all-FP16 (done if it passes);</item>
/// <item>seed from the range statistics — ops that read or produce FP32 values beyond the threshold, and the
/// origin ops of the FP16 failures — and evaluate the seed;</item>
/// <item>if the seed fails, find the missing ops by bisection over the program order (the smallest failing prefix of
/// the ops still in FP16 ends with a needed op), one needed op per ⌈log2 N⌉ evaluations, for at most half the budget;</item>
/// <item>when no seed explains the failure (diffuse FP16 error: no overflow, no origin op) or the bisection did not
/// finish, rank the remaining ops by their local FP16 error (<see cref="LocalFp16Error"/>, one extra pass over the
/// samples) and keep the top k in FP32, k found by bisection over the ranking (≈ log2 N evaluations); every
/// evaluated k is a point of <see cref="SearchResult.TradeOff"/>;</item>
/// <item>shrink: drop kept ops the result does not need (seed: halves first, then single ops; ranked ops: one at a
/// time, least sensitive first);</item>
/// <item>merge small FP16 islands into FP32 when that removes casts, and verify the final plan.</item>
/// </list>
/// Each evaluation builds the candidate program and runs it over all samples (a candidate evaluated before is not run
/// again). The search assumes that keeping more ops in FP32 never hurts; the final verification guards that
/// assumption. When the budget runs out the result is the best plan verified so far (fewest FP32 FLOPs), and
/// <see cref="SearchResult.Left"/> says what was not done.
/// </summary>
public sealed partial class MixedPrecisionSearch
{
    private readonly PrecisionSubject _subject;
    private readonly IReadOnlyList<IReadOnlyDictionary<string, Tensor>> _samples;
    private readonly SearchOptions _options;
    private readonly List<IReadOnlyDictionary<string, Tensor>> _references = [];
    private readonly List<string> _log = [];
    private readonly Dictionary<string, (bool Passed, double MaxRel, double MaxAbs)> _evaluated = new(StringComparer.Ordinal);
    private readonly List<TradeOffPoint> _tradeOff = [];
    private HashSet<string>? _bestVerified;
    private string? _left;
    private int _evaluations;

    /// <summary>Prepares a search over a subject and samples.</summary>
    public MixedPrecisionSearch(PrecisionSubject subject, IReadOnlyList<IReadOnlyDictionary<string, Tensor>> samples, SearchOptions? options = null)
    {
        _subject = subject;
        _samples = samples;
        _options = options ?? new SearchOptions();
        var interpreter = new MilInterpreter();
        foreach (var sample in samples)
        {
            _references.Add(interpreter.Run(subject.Fp32, sample));
        }
    }

    /// <summary>Runs the search, seeded by a debug report of the all-FP16 program.</summary>
    public SearchResult Run(DebugReport stats)
    {
        var order = _subject.Fp32.Main.Body.Operations.Where(Eligible).Select(o => o.Name).ToList();
        var position = order.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var evidence = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Try(new HashSet<string>(), "all ops in FP16").Passed)
        {
            return Result(new HashSet<string>(), evidence, verified: true);
        }
        var seed = Seed(stats, evidence).Where(position.ContainsKey).OrderBy(n => position[n]).ToList();
        var keep = new HashSet<string>(seed, StringComparer.Ordinal);
        var passed = seed.Count > 0 && Try(keep, "the seed from range statistics").Passed;
        if (seed.Count > 0 && !passed)
        {
            passed = FindMissing(keep, order, evidence, _evaluations + ((_options.Budget - _evaluations) / 2));
        }
        var ranked = new List<string>();
        if (!passed)
        {
            _log.Add(seed.Count == 0 ? "no seed explains the failure (no overflow, no origin op): ranking ops by local FP16 error"
                : "the seed and the bisection over program order did not explain the failure: ranking the remaining ops by local FP16 error");
            ranked = KeepMostSensitive(keep, order, position, evidence);
        }
        Shrink(keep, seed, evidence, halves: true);
        Shrink(keep, ranked, evidence, halves: false);
        if (_evaluations < _options.Budget)
        {
            MergeIslands(keep, evidence);
        }
        return Finish(keep, evidence, order);
    }

    private SearchResult Finish(HashSet<string> keep, Dictionary<string, string> evidence, List<string> order)
    {
        if (_evaluated.ContainsKey(Key(keep)) || _evaluations < _options.Budget)
        {
            if (Try(keep, "final plan").Passed)
            {
                return Result(keep, evidence, verified: true);
            }
            _log.Add("the final plan failed its verification");
        }
        if (_bestVerified is not null)
        {
            _log.Add($"returning the best verified plan: {_bestVerified.Count} op(s) in FP32");
            foreach (var name in _bestVerified.Where(n => !evidence.ContainsKey(n)))
            {
                evidence[name] = "kept in FP32 by the best verified plan";
            }
            return Result(_bestVerified, evidence, verified: true);
        }
        _log.Add("no verified plan: keeping every op in FP32");
        keep = [.. order];
        foreach (var name in order.Where(n => !evidence.ContainsKey(n)))
        {
            evidence[name] = "kept in FP32: no verified plan converts it";
        }
        return Result(keep, evidence, Try(keep, "all ops in FP32").Passed);
    }

    private SearchResult Result(IReadOnlySet<string> keep, Dictionary<string, string> evidence, bool verified)
    {
        if (_left is not null)
        {
            _log.Add(_left);
        }
        return SearchResult.From(_subject, _subject.Build(keep), keep, evidence, _evaluations, verified, _log) with
        {
            TradeOff = [.. _tradeOff.OrderBy(p => p.K)],
            Left = _left,
        };
    }

    /// <summary>Ops reading or producing values beyond the threshold in the FP32 run, and the FP16 origin ops.</summary>
    private HashSet<string> Seed(DebugReport stats, Dictionary<string, string> evidence)
    {
        var byValue = stats.Ops.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var inputAbsMax = _subject.Fp32.Main.Inputs.ToDictionary(i => i.Name,
            i => _samples.Max(s => s.TryGetValue(i.Name, out var t) && t.DataType.IsFloat() ? t.AsDoubles().Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty().Max() : 0));
        double AbsMax(Value v) => byValue.TryGetValue(v.Name, out var s) ? s.AbsMax : inputAbsMax.GetValueOrDefault(v.Name);
        var seed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var op in _subject.Fp32.Main.Body.Operations.Where(Eligible))
        {
            var outMax = op.Outputs.Select(AbsMax).DefaultIfEmpty().Max();
            var inMax = op.InputValues.Where(v => !v.IsConstant).Select(AbsMax).DefaultIfEmpty().Max();
            if (outMax > _options.RangeThreshold || inMax > _options.RangeThreshold)
            {
                seed.Add(op.Name);
                evidence[op.Name] = $"FP32 values reach {Math.Max(inMax, outMax):G5} ({(outMax > _options.RangeThreshold ? "output" : "input")} beyond {_options.RangeThreshold:G5})";
            }
        }
        foreach (var origin in stats.OriginOps)
        {
            var op = _subject.Fp32.Main.Body.Operations.FirstOrDefault(o => o.Outputs.Any(v => v.Name == origin.Name));
            if (op is not null && seed.Add(op.Name))
            {
                evidence[op.Name] = $"FP16 failure is born here ({origin.Status})";
            }
        }
        _log.Add($"seed: {seed.Count} op(s) from range statistics and origin ops");
        return seed;
    }

    /// <summary>
    /// Adds needed ops the seed missed: bisection for the smallest failing prefix of the remaining FP16 ops, until the
    /// plan passes (true) or <paramref name="limit"/> evaluations have been used (false; the ranked search goes on).
    /// </summary>
    private bool FindMissing(HashSet<string> keep, List<string> order, Dictionary<string, string> evidence, int limit)
    {
        var rest = order.Where(n => !keep.Contains(n)).ToList();
        var start = 0;
        while (start < rest.Count && _evaluations < limit)
        {
            // Converting rest[start..hi) fails (hi = end is known: the previous evaluation failed); find the smallest such hi.
            int lo = start, hi = rest.Count;
            while (hi - lo > 1 && _evaluations < limit)
            {
                var mid = (lo + hi + 1) / 2;
                var trial = new HashSet<string>(keep, StringComparer.Ordinal);
                trial.UnionWith(rest.Skip(mid));
                if (Try(trial, $"FP16 up to {rest[mid - 1]}").Passed)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid;
                }
            }
            if (hi - lo > 1)
            {
                break;
            }
            var needed = rest[hi - 1];
            keep.Add(needed);
            evidence[needed] = "found by bisection: converting it to FP16 makes the outputs fail";
            start = hi;
            if (start >= rest.Count || (_evaluations < limit && Try(keep, $"remaining ops after {needed} in FP16").Passed))
            {
                return true;
            }
        }
        _log.Add($"the bisection over program order stopped after {_evaluations} evaluation(s) with {keep.Count} op(s) found");
        return false;
    }

    /// <summary>
    /// Drops kept candidates that are not needed. With <paramref name="halves"/>, a half at a time when that passes,
    /// else op by op; otherwise op by op in the given order. Stops at the budget and says what was left untried.
    /// </summary>
    private void Shrink(HashSet<string> keep, List<string> candidatesInOrder, Dictionary<string, string> evidence, bool halves)
    {
        var segments = new Stack<List<string>>();
        var candidates = candidatesInOrder.Where(keep.Contains).ToList();
        if (halves && candidates.Count > 4)
        {
            var half = candidates.Count / 2;
            segments.Push(candidates[half..]);
            segments.Push(candidates[..half]);
        }
        else
        {
            foreach (var c in Enumerable.Reverse(candidates))
            {
                segments.Push([c]);
            }
        }
        while (segments.Count > 0 && _evaluations < _options.Budget)
        {
            var segment = segments.Pop();
            var trial = new HashSet<string>(keep.Except(segment), StringComparer.Ordinal);
            if (Try(trial, $"without {string.Join(", ", segment.Take(3))}{(segment.Count > 3 ? ", ..." : "")}").Passed)
            {
                keep.ExceptWith(segment);
                foreach (var s in segment)
                {
                    evidence.Remove(s);
                }
            }
            else if (segment.Count > 1)
            {
                var half = segment.Count / 2;
                segments.Push(segment[half..]);
                segments.Push(segment[..half]);
            }
            else
            {
                evidence[segment[0]] = $"{evidence.GetValueOrDefault(segment[0], "kept")}; converting it to FP16 makes the outputs fail";
            }
        }
        var untried = segments.SelectMany(x => x).Count();
        if (untried > 0)
        {
            _left = $"budget of {_options.Budget} evaluation(s) exhausted while shrinking: {untried} kept op(s) were not tried back in FP16 " +
                $"({string.Join(", ", segments.SelectMany(x => x).Take(5))}{(untried > 5 ? ", ..." : "")}); a larger --budget may convert more";
        }
    }

    /// <summary>FP16 islands of at most <see cref="SearchOptions.IslandSize"/> ops between FP32 ops join FP32 when that removes casts.</summary>
    private void MergeIslands(HashSet<string> keep, Dictionary<string, string> evidence)
    {
        if (keep.Count == 0)
        {
            return;
        }
        var casts = _subject.Build(keep).Report?.CastsAdded ?? 0;
        var ops = _subject.Fp32.Main.Body.Operations.Where(Eligible).ToList();
        foreach (var op in ops.Where(o => !keep.Contains(o.Name)))
        {
            var island = Island(op, keep);
            if (island.Count == 0 || island.Count > _options.IslandSize)
            {
                continue;
            }
            var trial = new HashSet<string>(keep.Concat(island.Select(o => o.Name)), StringComparer.Ordinal);
            var trialCasts = _subject.Build(trial).Report?.CastsAdded ?? 0;
            if (trialCasts < casts)
            {
                keep.UnionWith(island.Select(o => o.Name));
                casts = trialCasts;
                foreach (var o in island)
                {
                    evidence[o.Name] = "small FP16 island between FP32 ops: keeping it FP32 removes casts";
                }
            }
        }
    }

    /// <summary>The FP16 ops connected to <paramref name="start"/> through float values, when all their float neighbours are FP32 ops.</summary>
    private List<Operation> Island(Operation start, HashSet<string> keep)
    {
        var island = new List<Operation> { start };
        var queue = new Queue<Operation>([start]);
        var touchesFp32 = false;
        while (queue.Count > 0 && island.Count <= _options.IslandSize)
        {
            var op = queue.Dequeue();
            var neighbours = op.InputValues.Select(v => v.Producer).OfType<Operation>().Where(Eligible)
                .Concat(op.Outputs.SelectMany(o => o.Consumers).Where(Eligible));
            foreach (var n in neighbours)
            {
                if (keep.Contains(n.Name))
                {
                    touchesFp32 = true;
                }
                else if (!island.Contains(n))
                {
                    island.Add(n);
                    queue.Enqueue(n);
                }
            }
        }
        return touchesFp32 ? island : [];
    }

    private static bool Eligible(Operation op) => !op.IsConst && op.Type != "cast"
        && (op.Outputs.Any(o => o.Type is TensorType { DataType: DataType.Float32 }) || op.InputValues.Any(v => v.Type is TensorType { DataType: DataType.Float32 } && !v.IsConstant));

    /// <summary>An evaluation of the candidate, or its earlier result; records passing candidates as verified plans.</summary>
    private (bool Passed, double MaxRel, double MaxAbs) Try(IReadOnlySet<string> keep, string what)
    {
        var key = Key(keep);
        if (!_evaluated.TryGetValue(key, out var result))
        {
            result = Evaluate(keep, what);
            _evaluated[key] = result;
        }
        if (result.Passed && (_bestVerified is null || KeptFlops(keep) < KeptFlops(_bestVerified)))
        {
            _bestVerified = new HashSet<string>(keep, StringComparer.Ordinal);
        }
        return result;
    }

    private static string Key(IReadOnlySet<string> keep) => string.Join("\n", keep.Order(StringComparer.Ordinal));

    /// <summary>One evaluation: build the candidate, run every sample in FP16, compare all outputs with the FP32 run.</summary>
    private (bool Passed, double MaxRel, double MaxAbs) Evaluate(IReadOnlySet<string> keep, string what)
    {
        _evaluations++;
        var program = _subject.Build(keep).Program;
        var interpreter = new MilInterpreter();
        var passed = true;
        var maxRel = 0.0;
        var maxAbs = 0.0;
        for (var s = 0; s < _samples.Count && passed; s++)
        {
            var outputs = interpreter.Run(program, _samples[s], new RunOptions { Policy = _options.Policy });
            foreach (var (name, expected) in _references[s])
            {
                var check = OutputCheck.Check(name, expected, outputs[name].CastTo(DataType.Float32), _options.Tolerances.For(name));
                passed &= check.Passed;
                maxRel = Math.Max(maxRel, check.Comparison.MaxRelError);
                maxAbs = Math.Max(maxAbs, check.Comparison.MaxAbsError);
            }
        }
        _log.Add($"evaluation {_evaluations}: {what} ({keep.Count} op(s) FP32): {(passed ? "pass" : "fail")}");
        return (passed, maxRel, maxAbs);
    }
}
