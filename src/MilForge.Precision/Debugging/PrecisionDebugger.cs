using MilForge.Mil;
using MilForge.Numerics;
using MilForge.Precision.Comparison;
using MilForge.Runtime;

namespace MilForge.Precision.Debugging;

/// <summary>Options of <see cref="PrecisionDebugger"/>.</summary>
public sealed record DebugOptions
{
    /// <summary>The accumulation policy of the FP16 runs.</summary>
    public PrecisionPolicy Policy { get; init; } = PrecisionPolicy.Default;

    /// <summary>The criteria the model outputs are held to, on every sample (default: elementwise, atol and rtol 1e-2).</summary>
    public OutputTolerances Tolerances { get; init; } = OutputTolerances.Uniform(new ToleranceSpec(1e-2, 1e-2));

    /// <summary>Relative tolerance of the per-op comparison.</summary>
    public double OpRtol { get; init; } = 5e-2;

    /// <summary>Absolute tolerance of the per-op comparison, as a fraction of the op's largest FP32 magnitude.</summary>
    public double OpAtolOfRange { get; init; } = 5e-2;

    /// <summary>The share of an op's compared elements that may exceed the per-op tolerance before the op fails.</summary>
    public double OpToleratedShare { get; init; } = 0.01;

    /// <summary>Elements per op and sample kept from the FP32 run to compare with FP16 (all of them for smaller outputs).</summary>
    public int SampleSize { get; init; } = 4096;
}

/// <summary>
/// Runs an FP32 program and its FP16 counterpart on the same samples, one sample at a time, with every intermediate
/// captured through the interpreter's listener (no rebuilds, no extra outputs), and reports per-op statistics, the
/// ops where failures are born, headroom to 65504, and the outputs' errors. Memory is bounded by the sample budget per
/// op, not by the number of samples.
/// </summary>
public sealed class PrecisionDebugger(DebugOptions? options = null)
{
    private readonly DebugOptions _options = options ?? new DebugOptions();

    /// <summary>Debugs a program pair. <paramref name="fp16ToFp32"/> maps FP16 value names to FP32 ones (identity when absent).</summary>
    public DebugReport Run(MilProgram fp32, MilProgram fp16, IReadOnlyDictionary<string, string> fp16ToFp32,
        IReadOnlyList<IReadOnlyDictionary<string, Tensor>> samples)
    {
        var stats = new Dictionary<string, OpStatistics>(StringComparer.Ordinal);
        var ops = fp32.Main.AllOperations().ToList();
        for (var i = 0; i < ops.Count; i++)
        {
            foreach (var output in ops[i].Outputs.Where(o => !ops[i].IsConst && o.Type is TensorType t && t.DataType.IsFloat()))
            {
                stats[output.Name] = new OpStatistics(output.Name, ops[i].Type, ops[i].Origin, i) { ToleratedShare = _options.OpToleratedShare };
            }
        }
        var recorder = new RunRecorder(stats, fp16ToFp32, _options.SampleSize) { Rtol = _options.OpRtol, AtolOfRange = _options.OpAtolOfRange };
        var interpreter = new MilInterpreter();
        var outputs = new Dictionary<string, (OutputComparison Comparison, long[] Histogram, OutputCheck Check)>(StringComparer.Ordinal);
        for (var s = 0; s < samples.Count; s++)
        {
            recorder.Sample = s;
            recorder.Fp16 = false;
            var reference = interpreter.Run(fp32, samples[s], new RunOptions { Listener = recorder });
            recorder.Fp16 = true;
            var candidate = interpreter.Run(fp16, samples[s], new RunOptions { Listener = recorder, Policy = _options.Policy });
            foreach (var (name, expected) in reference)
            {
                var actual = candidate[name].CastTo(DataType.Float32);
                var check = OutputCheck.Check(name, expected, actual, _options.Tolerances.For(name));
                var c = check.Comparison;
                var histogram = ErrorHistogram(expected, actual);
                outputs[name] = outputs.TryGetValue(name, out var previous)
                    ? (Merge(previous.Comparison, c), [.. previous.Histogram.Zip(histogram, (a, b) => a + b)], previous.Check.Passed ? check : previous.Check)
                    : (c, histogram, check);
            }
        }
        var origins = OriginLocator.Find(fp16.Main, v => stats.TryGetValue(fp16ToFp32.GetValueOrDefault(v.Name, v.Name), out var st) ? st.Status : null);
        var originStats = origins.SelectMany(o => o.Outputs).Select(v => stats.GetValueOrDefault(fp16ToFp32.GetValueOrDefault(v.Name, v.Name)))
            .OfType<OpStatistics>().Distinct().OrderBy(o => o.Index).ToList();
        return new DebugReport([.. stats.Values.OrderBy(o => o.Index)], originStats,
            [.. outputs.Select(kv => new OutputReport(kv.Key, kv.Value.Comparison, kv.Value.Histogram, kv.Value.Check))], samples.Count, _options.Policy.Name);
    }

    /// <summary>Decade buckets of |a − r|: [0, 1e-8), [1e-8, 1e-7), ..., [1e4, ∞), then NaN/Inf.</summary>
    public static long[] ErrorHistogram(Tensor reference, Tensor candidate)
    {
        var buckets = new long[15];
        var r = reference.AsDoubles();
        var c = candidate.AsDoubles();
        for (var i = 0; i < Math.Min(r.Length, c.Length); i++)
        {
            var d = Math.Abs(c[i] - r[i]);
            if (double.IsNaN(d) || double.IsInfinity(d))
            {
                buckets[14] += double.IsNaN(r[i]) && double.IsNaN(c[i]) ? 0 : 1;
                continue;
            }
            buckets[d < 1e-8 ? 0 : Math.Min(13, (int)Math.Floor(Math.Log10(d)) + 9)]++;
        }
        return buckets;
    }

    private static OutputComparison Merge(OutputComparison a, OutputComparison b) => a with
    {
        Elements = a.Elements + b.Elements,
        ShapeMatches = a.ShapeMatches && b.ShapeMatches,
        MaxAbsError = Math.Max(a.MaxAbsError, b.MaxAbsError),
        MaxRelError = Math.Max(a.MaxRelError, b.MaxRelError),
        Mismatches = a.Mismatches + b.Mismatches,
        CandidateNaN = a.CandidateNaN + b.CandidateNaN,
        CandidateInf = a.CandidateInf + b.CandidateInf,
        ReferenceNaN = a.ReferenceNaN + b.ReferenceNaN,
        ReferenceInf = a.ReferenceInf + b.ReferenceInf,
        NewNonFinite = a.NewNonFinite + b.NewNonFinite,
        Detail = a.Detail ?? b.Detail,
    };
}
