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
/// the ops still in FP16 ends with a needed op), one needed op per ⌈log2 N⌉ evaluations;</item>
/// <item>shrink: drop seed ops the result does not need (halves first, then single ops);</item>
/// <item>merge small FP16 islands into FP32 when that removes casts, and verify the final plan once.</item>
/// </list>
/// Each evaluation builds the candidate program and runs it over all samples. The search assumes that keeping more
/// ops in FP32 never hurts; the final verification guards that assumption.
/// </summary>
public sealed class MixedPrecisionSearch
{
    private readonly PrecisionSubject _subject;
    private readonly IReadOnlyList<IReadOnlyDictionary<string, Tensor>> _samples;
    private readonly SearchOptions _options;
    private readonly List<IReadOnlyDictionary<string, Tensor>> _references = [];
    private readonly List<string> _log = [];
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
        if (Evaluate(new HashSet<string>(), "all ops in FP16").Passed)
        {
            return SearchResult.From(_subject, _subject.Build(new HashSet<string>()), new HashSet<string>(), evidence, _evaluations, verified: true, _log);
        }
        var seed = Seed(stats, evidence).Where(position.ContainsKey).OrderBy(n => position[n]).ToList();
        var keep = new HashSet<string>(seed, StringComparer.Ordinal);
        if (seed.Count == 0 || !Evaluate(keep, "the seed from range statistics").Passed)
        {
            FindMissing(keep, order, evidence);
        }
        Shrink(keep, seed, evidence);
        MergeIslands(keep, evidence);
        return Finish(keep, evidence, order);
    }

    private SearchResult Finish(HashSet<string> keep, Dictionary<string, string> evidence, List<string> order)
    {
        var build = _subject.Build(keep);
        var verdict = Evaluate(keep, "final plan");
        var verified = verdict.Passed;
        if (!verified && keep.Count < order.Count)
        {
            _log.Add("the final plan failed its verification; keeping every op in FP32");
            keep = [.. order];
            build = _subject.Build(keep);
            verified = Evaluate(keep, "all ops in FP32").Passed;
        }
        return SearchResult.From(_subject, build, keep, evidence, _evaluations, verified, _log);
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

    /// <summary>Adds needed ops the seed missed: bisection for the smallest failing prefix of the remaining FP16 ops.</summary>
    private void FindMissing(HashSet<string> keep, List<string> order, Dictionary<string, string> evidence)
    {
        var rest = order.Where(n => !keep.Contains(n)).ToList();
        var start = 0;
        while (start < rest.Count && _evaluations < _options.Budget)
        {
            // Converting rest[start..hi) fails (hi = end is known: the previous evaluation failed); find the smallest such hi.
            int lo = start, hi = rest.Count;
            while (hi - lo > 1 && _evaluations < _options.Budget)
            {
                var mid = (lo + hi + 1) / 2;
                var trial = new HashSet<string>(keep, StringComparer.Ordinal);
                trial.UnionWith(rest.Skip(mid));
                if (Evaluate(trial, $"FP16 up to {rest[mid - 1]}").Passed)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid;
                }
            }
            var needed = rest[hi - 1];
            keep.Add(needed);
            evidence[needed] = "found by bisection: converting it to FP16 makes the outputs fail";
            start = hi;
            if (start >= rest.Count || Evaluate(keep, $"remaining ops after {needed} in FP16").Passed)
            {
                return;
            }
        }
        if (start < rest.Count)
        {
            _log.Add("budget exhausted while searching; the remaining ops stay FP32");
            keep.UnionWith(rest.Skip(start));
            foreach (var name in rest.Skip(start))
            {
                evidence[name] = "not examined (evaluation budget exhausted)";
            }
        }
    }

    /// <summary>Drops seed ops that are not needed: a half at a time when that passes, else op by op.</summary>
    private void Shrink(HashSet<string> keep, List<string> seed, Dictionary<string, string> evidence)
    {
        var segments = new Stack<List<string>>();
        var candidates = seed.Where(keep.Contains).ToList();
        if (candidates.Count > 4)
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
            if (Evaluate(trial, $"without {string.Join(", ", segment.Take(3))}{(segment.Count > 3 ? ", ..." : "")}").Passed)
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

    /// <summary>One evaluation: build the candidate, run every sample in FP16, compare all outputs with the FP32 run.</summary>
    private (bool Passed, double MaxRel) Evaluate(IReadOnlySet<string> keep, string what)
    {
        _evaluations++;
        var program = _subject.Build(keep).Program;
        var interpreter = new MilInterpreter();
        var passed = true;
        var maxRel = 0.0;
        for (var s = 0; s < _samples.Count && passed; s++)
        {
            var outputs = interpreter.Run(program, _samples[s], new RunOptions { Policy = _options.Policy });
            foreach (var (name, expected) in _references[s])
            {
                var check = OutputCheck.Check(name, expected, outputs[name].CastTo(DataType.Float32), _options.Tolerances.For(name));
                passed &= check.Passed;
                maxRel = Math.Max(maxRel, check.Comparison.MaxRelError);
            }
        }
        _log.Add($"evaluation {_evaluations}: {what} ({keep.Count} op(s) FP32): {(passed ? "pass" : "fail")}");
        return (passed, maxRel);
    }
}
