using MilForge.Diagnostics;
using MilForge.Mil.Passes.Fp16;
using MilForge.Precision.Debugging;
using MilForge.Precision.Plans;

namespace MilForge.Precision.Search;

/// <summary>An op the search keeps in FP32, and why.</summary>
/// <param name="Op">The MIL op name (FP32 program).</param>
/// <param name="OpType">The MIL op type.</param>
/// <param name="Origin">The ONNX node it came from.</param>
/// <param name="Evidence">Why it is kept.</param>
public sealed record KeptOp(string Op, string OpType, Origin Origin, string Evidence);

/// <summary>One evaluated point of the ranked search: the top <paramref name="K"/> ops by local FP16 error kept in FP32.</summary>
/// <param name="K">Ranked ops kept in FP32.</param>
/// <param name="Fp32Ops">Ops kept in FP32 in all (the ranked ones and any seed).</param>
/// <param name="OpsFp16Share">Share of the candidate ops left in FP16.</param>
/// <param name="FlopsFp16Share">Share of the candidate ops' estimated FLOPs left in FP16.</param>
/// <param name="MaxAbsError">Largest |FP16 − FP32| over every output and sample.</param>
/// <param name="MaxRelError">Largest relative error over every output and sample.</param>
/// <param name="Passed">True when every output met the tolerance on every sample.</param>
public sealed record TradeOffPoint(int K, int Fp32Ops, double OpsFp16Share, double FlopsFp16Share, double MaxAbsError, double MaxRelError, bool Passed);

/// <summary>The outcome of <see cref="MixedPrecisionSearch"/>.</summary>
/// <param name="Build">The chosen program.</param>
/// <param name="Kept">Ops kept in FP32, with evidence.</param>
/// <param name="Evaluations">Evaluations used (each runs all samples).</param>
/// <param name="Verified">True when the chosen program passed its final evaluation.</param>
/// <param name="OpsFp16Share">Share of eligible ops left in FP16.</param>
/// <param name="FlopsFp16Share">Share of the estimated FLOPs left in FP16.</param>
/// <param name="CastsAdded">Casts in the chosen program.</param>
/// <param name="Log">One line per evaluation.</param>
public sealed record SearchResult(Fp16Build Build, IReadOnlyList<KeptOp> Kept, int Evaluations, bool Verified,
    double OpsFp16Share, double FlopsFp16Share, int CastsAdded, IReadOnlyList<string> Log)
{
    /// <summary>The ranked search's evaluated points, by k (empty when the search did not rank ops).</summary>
    public IReadOnlyList<TradeOffPoint> TradeOff { get; init; } = [];

    /// <summary>What the search left undone when its budget ran out (null when it finished); the plan is then the best verified one.</summary>
    public string? Left { get; init; }

    /// <summary>The plan that reproduces this result with <c>convert --precision-plan</c>.</summary>
    public PrecisionPlan Plan => new([.. Kept.Select(k => new PlanEntry(k.Origin.NodeName, k.Op, k.Origin.OpType ?? k.OpType, k.Evidence))]);

    internal static SearchResult From(PrecisionSubject subject, Fp16Build build, IReadOnlySet<string> keep, IReadOnlyDictionary<string, string> evidence,
        int evaluations, bool verified, IReadOnlyList<string> log)
    {
        var ops = subject.Fp32.Main.Body.Operations.Where(o => !o.IsConst && o.Type != "cast").ToList();
        var kept = ops.Where(o => keep.Contains(o.Name))
            .Select(o => new KeptOp(o.Name, o.Type, o.Origin, evidence.GetValueOrDefault(o.Name, "kept in FP32"))).ToList();
        var flops = ops.Sum(OpCost.Flops);
        var keptFlops = ops.Where(o => keep.Contains(o.Name)).Sum(OpCost.Flops);
        var summary = PrecisionSummary.Of(build.Program);
        var total = summary.Fp16Ops + summary.Fp32Ops;
        return new SearchResult(build, kept, evaluations, verified, total == 0 ? 1 : (double)summary.Fp16Ops / total,
            flops == 0 ? 1 : 1 - (keptFlops / flops), summary.Casts, log);
    }
}
