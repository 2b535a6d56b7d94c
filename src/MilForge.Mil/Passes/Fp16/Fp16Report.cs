using MilForge.Diagnostics;

namespace MilForge.Mil.Passes.Fp16;

/// <summary>A float constant that does not fit FP16, and what the pass did about it.</summary>
/// <param name="Constant">The MIL const's name.</param>
/// <param name="Origin">Where it came from (for weights: the ONNX initializer).</param>
/// <param name="MaxAbs">The largest finite magnitude in it.</param>
/// <param name="Overflowing">How many finite elements exceed 65504 in magnitude.</param>
/// <param name="Sentinels">How many of those are ≥ 1e38 (infinity-like mask values).</param>
/// <param name="Elements">The constant's element count.</param>
/// <param name="Consumers">The ops that read it, with the ONNX node each came from.</param>
/// <param name="Action">What was done: ops kept in FP32, or values saturated.</param>
public sealed record ConstantOverflow(string Constant, Origin Origin, double MaxAbs, long Overflowing, long Sentinels, long Elements,
    IReadOnlyList<string> Consumers, string Action);

/// <summary>A float constant with non-zero values that are zero in FP16.</summary>
/// <param name="Constant">The MIL const's name.</param>
/// <param name="Origin">Where it came from.</param>
/// <param name="Flushed">How many non-zero elements round to zero in FP16.</param>
/// <param name="Elements">The constant's element count.</param>
/// <param name="Action">What was done: rescued to ±2^-24, or left to flush to zero.</param>
public sealed record ConstantUnderflow(string Constant, Origin Origin, long Flushed, long Elements, string Action);

/// <summary>Everything the FP16 pass decided, for the console, <c>convert --json</c> and tests.</summary>
public sealed class Fp16Report
{
    /// <summary>Overflowing constants.</summary>
    public List<ConstantOverflow> Overflows { get; } = [];

    /// <summary>Constants with values that flush to zero.</summary>
    public List<ConstantUnderflow> Underflows { get; } = [];

    /// <summary>Ops kept in FP32, with the reason for each.</summary>
    public List<(string Op, Origin Origin, string Reason)> KeptFp32 { get; } = [];

    /// <summary>
    /// For every value of a rebuilt op, the name its fp32 original had (an FP16 program's value → the FP32 program's),
    /// so tools can pair the two programs' intermediates.
    /// </summary>
    public Dictionary<string, string> OriginalNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Ops converted to FP16.</summary>
    public int ConvertedOps { get; set; }

    /// <summary>Cast ops inserted.</summary>
    public int CastsAdded { get; set; }

    /// <summary>The report as diagnostics: MIL2101 for overflows, MIL2102 for underflows (both informational).</summary>
    public IEnumerable<Diagnostic> Diagnostics()
    {
        foreach (var o in Overflows)
        {
            yield return Diagnostic.Warning(DiagnosticCodes.MilFp16Overflow,
                $"constant {Describe(o.Origin, o.Constant)} has {o.Overflowing} of {o.Elements} values beyond ±65504 (max |v| = {o.MaxAbs:G6}" +
                (o.Sentinels > 0 ? $", {o.Sentinels} of them ≥ 1e38" : "") + $"); used by {string.Join(", ", o.Consumers)}; {o.Action}.", o.Origin);
        }
        foreach (var u in Underflows)
        {
            yield return Diagnostic.Info(DiagnosticCodes.MilFp16Underflow,
                $"constant {Describe(u.Origin, u.Constant)} has {u.Flushed} of {u.Elements} non-zero values that are zero in FP16; {u.Action}.", u.Origin);
        }
    }

    private static string Describe(Origin origin, string constant) =>
        origin.OpType == "initializer" && origin.NodeName is { } n && n != constant ? $"'{n}' (MIL const '{constant}')" : $"'{constant}'";
}
