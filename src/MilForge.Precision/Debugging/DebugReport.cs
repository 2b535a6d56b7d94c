using MilForge.Precision.Comparison;

namespace MilForge.Precision.Debugging;

/// <summary>One model output: the FP16 run against the FP32 run, over all samples, and the distribution of its errors.</summary>
/// <param name="Name">The output name.</param>
/// <param name="Comparison">The comparison over all samples (worst sample's numbers).</param>
/// <param name="ErrorHistogram">Counts of |FP16 − FP32| per decade bucket, from 1e-8 (and below) to 1e+4 (and above), then NaN/Inf.</param>
/// <param name="Check">The check under the output's criterion: the first failing sample's, else the last sample's; null when not checked.</param>
public sealed record OutputReport(string Name, OutputComparison Comparison, IReadOnlyList<long> ErrorHistogram, OutputCheck? Check = null)
{
    /// <summary>True when every sample passes the output's criterion (the elementwise comparison when there is no check).</summary>
    public bool Passed => Check?.Passed ?? Comparison.Passed;
}

/// <summary>The result of one <c>debug-precision</c> run.</summary>
/// <param name="Ops">Per-op statistics, in FP32 program order.</param>
/// <param name="OriginOps">Ops whose FP16 result fails while every input is fine: where NaN/Inf (or a large error) is born.</param>
/// <param name="Outputs">The model outputs.</param>
/// <param name="Samples">Number of input samples run.</param>
/// <param name="Policy">The accumulation policy of the FP16 runs.</param>
public sealed record DebugReport(IReadOnlyList<OpStatistics> Ops, IReadOnlyList<OpStatistics> OriginOps, IReadOnlyList<OutputReport> Outputs,
    int Samples, string Policy)
{
    /// <summary>Ops by headroom, lowest first (ops whose output is all zeros last).</summary>
    public IEnumerable<OpStatistics> ByHeadroom => Ops.Where(o => o.Elements > 0).OrderBy(o => o.Headroom).ThenBy(o => o.Index);

    /// <summary>True when some output of the FP16 run has NaN/Inf where FP32 has none.</summary>
    public bool Fp16ProducesNonFinite => Outputs.Any(o => o.Comparison.NewNonFinite > 0);
}
