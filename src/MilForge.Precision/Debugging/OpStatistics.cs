using MilForge.Diagnostics;

namespace MilForge.Precision.Debugging;

/// <summary>How an op's FP16 result compares with its FP32 result.</summary>
public enum OpStatus
{
    /// <summary>Within tolerance and finite where FP32 is finite.</summary>
    Ok,
    /// <summary>Finite, but beyond the per-op tolerance (for example values flushed to zero).</summary>
    OutOfTolerance,
    /// <summary>NaN or ±Inf where the FP32 value is finite.</summary>
    NonFinite,
    /// <summary>Not compared: the op exists only in the FP16 program (a cast) or only moves data (looked through).</summary>
    NotCompared,
}

/// <summary>
/// Statistics of one op's output over every sample: the value range in the FP32 run, how much of it FP16 cannot hold,
/// and how the FP16 run's result differs. Accumulated as a stream, so memory does not grow with the samples.
/// </summary>
public sealed class OpStatistics
{
    internal OpStatistics(string name, string opType, Origin origin, int index)
    {
        Name = name;
        OpType = opType;
        Origin = origin;
        Index = index;
    }

    /// <summary>The op's output name in the FP32 program.</summary>
    public string Name { get; }

    /// <summary>The MIL op type.</summary>
    public string OpType { get; }

    /// <summary>The ONNX node the op came from.</summary>
    public Origin Origin { get; }

    /// <summary>Position in the FP32 program.</summary>
    public int Index { get; }

    /// <summary>Elements seen in the FP32 run (all samples).</summary>
    public long Elements { get; internal set; }

    /// <summary>Smallest finite FP32 value.</summary>
    public double Min { get; internal set; } = double.PositiveInfinity;

    /// <summary>Largest finite FP32 value.</summary>
    public double Max { get; internal set; } = double.NegativeInfinity;

    /// <summary>Largest finite FP32 magnitude.</summary>
    public double AbsMax { get; internal set; }

    /// <summary>FP32 values beyond ±65504 (they overflow in FP16).</summary>
    public long BeyondFp16 { get; internal set; }

    /// <summary>Non-zero FP32 values that are zero in FP16.</summary>
    public long FlushToZero { get; internal set; }

    /// <summary>Non-zero FP32 values.</summary>
    public long NonZero { get; internal set; }

    /// <summary>NaN or ±Inf in the FP32 run.</summary>
    public long NonFiniteFp32 { get; internal set; }

    /// <summary>NaN in the FP16 run.</summary>
    public long NaNFp16 { get; internal set; }

    /// <summary>±Inf in the FP16 run.</summary>
    public long InfFp16 { get; internal set; }

    /// <summary>The first sample (0-based) whose FP16 output held NaN/Inf where FP32 did not; null when none did.</summary>
    public int? FirstNonFiniteSample { get; internal set; }

    /// <summary>Largest |FP16 − FP32| over the compared elements (finite pairs).</summary>
    public double MaxAbsError { get; internal set; }

    /// <summary>Largest |FP16 − FP32| / |FP32| over the compared elements with a non-zero FP32 value.</summary>
    public double MaxRelError { get; internal set; }

    /// <summary>Compared elements beyond the per-op tolerance.</summary>
    public long OutOfTolerance { get; internal set; }

    /// <summary>Elements compared between the runs (up to the sample budget per op and sample).</summary>
    public long Compared { get; internal set; }

    /// <summary>True when the op has a counterpart in the FP16 program that was compared.</summary>
    public bool SeenInFp16 { get; internal set; }

    /// <summary>The result of the comparison.</summary>
    public OpStatus Status => !SeenInFp16 ? OpStatus.NotCompared
        : FirstNonFiniteSample is not null ? OpStatus.NonFinite
        : OutOfTolerance > ToleratedShare * Compared ? OpStatus.OutOfTolerance : OpStatus.Ok;

    /// <summary>
    /// The share of compared elements that may exceed the per-op tolerance before the op counts as failing: FP16
    /// rounding produces a few large relative errors (cancellation) in any deep network; a failure is systematic.
    /// </summary>
    public double ToleratedShare { get; internal set; } = 0.01;

    /// <summary>Share of FP32 values beyond ±65504.</summary>
    public double BeyondFp16Share => Elements == 0 ? 0 : (double)BeyondFp16 / Elements;

    /// <summary>Share of non-zero FP32 values that flush to zero in FP16.</summary>
    public double FlushToZeroShare => NonZero == 0 ? 0 : (double)FlushToZero / NonZero;

    /// <summary>log2(65504 / absmax): how many doublings the values can take before FP16 overflows (negative: already over); +∞ for all zeros.</summary>
    public double Headroom => AbsMax > 0 ? Math.Log2(Numerics.Fp16.MaxValue / AbsMax) : double.PositiveInfinity;
}
