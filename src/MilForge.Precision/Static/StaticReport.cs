using MilForge.Diagnostics;

namespace MilForge.Precision.Static;

/// <summary>What a static bound says about FP16.</summary>
public enum Fp16Risk
{
    /// <summary>Every value fits FP16's normal range (or is 0).</summary>
    None,
    /// <summary>The bound passes 65504: the op may overflow FP16 (to ±Inf from 65520 on).</summary>
    Overflow,
    /// <summary>Non-zero values may lie below FP16's normal range (6.1e-5): subnormal in FP16, with less precision.</summary>
    Subnormal,
    /// <summary>Every non-zero value is below half FP16's smallest subnormal: FP16 flushes them all to 0.</summary>
    FlushToZero,
}

/// <summary>The static bound of one op output, in FP32 program order.</summary>
/// <param name="Index">The op's position in the program.</param>
/// <param name="Name">The output's name.</param>
/// <param name="OpType">The MIL op type.</param>
/// <param name="Origin">The ONNX node the op came from.</param>
/// <param name="Bound">The bound.</param>
/// <param name="IsFloat">True for a float output (the only ones FP16 changes).</param>
/// <param name="Note">Why the bound is estimated or unknown; null when it is proven.</param>
public sealed record OpBound(int Index, string Name, string OpType, Origin Origin, ValueBound Bound, bool IsFloat, string? Note)
{
    /// <summary>What the bound says about FP16 (always <see cref="Fp16Risk.None"/> for non-float outputs).</summary>
    public Fp16Risk Risk => !IsFloat ? Fp16Risk.None : RiskOf(Bound.Range);

    /// <summary>The FP16 risk of an interval.</summary>
    public static Fp16Risk RiskOf(Interval range)
    {
        var magnitude = range.Magnitude;
        if (magnitude > Numerics.Fp16.MaxValue || double.IsNaN(magnitude))
        {
            return Fp16Risk.Overflow;
        }
        if (magnitude == 0)
        {
            return Fp16Risk.None;
        }
        if (magnitude < Numerics.Fp16.MinSubnormal / 2)
        {
            return Fp16Risk.FlushToZero;
        }
        var smallest = range.MinMagnitude;
        return magnitude < Numerics.Fp16.MinNormal || (smallest > 0 && smallest < Numerics.Fp16.MinNormal) ? Fp16Risk.Subnormal : Fp16Risk.None;
    }
}

/// <summary>The interval an input starts from.</summary>
/// <param name="Name">The input's name.</param>
/// <param name="Range">The interval.</param>
/// <param name="Assumed">True when no range was given and the generated-input default was assumed.</param>
public sealed record InputBound(string Name, Interval Range, bool Assumed);

/// <summary>The result of the static bound analysis of an FP32 program.</summary>
/// <param name="Inputs">The input intervals it started from.</param>
/// <param name="Ops">Every op output's bound (constants excluded), in program order.</param>
public sealed record StaticReport(IReadOnlyList<InputBound> Inputs, IReadOnlyList<OpBound> Ops)
{
    /// <summary>Ops whose float bound passes 65504 or holds values below FP16's normal range, in program order.</summary>
    public IReadOnlyList<OpBound> Findings => [.. Ops.Where(o => o.Risk != Fp16Risk.None)];

    /// <summary>Ops with a finite bound that passes 65504: overflow not excluded, with a number to show for it.</summary>
    public IEnumerable<OpBound> FiniteOverflows => Ops.Where(o => o.Risk == Fp16Risk.Overflow && o.Bound.Range.IsFinite);

    /// <summary>Ops where soundness breaks: no transfer function (unknown) or a heuristic (estimated).</summary>
    public IEnumerable<OpBound> Unsound => Ops.Where(o => o.Note is not null);

    /// <summary>True when every bound is proven.</summary>
    public bool AllProven => Ops.All(o => o.Bound.Kind == BoundKind.Proven);

    /// <summary>True when some float bound passes 65504.</summary>
    public bool MayOverflow => Ops.Any(o => o.Risk == Fp16Risk.Overflow);
}
