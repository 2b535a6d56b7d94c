namespace MilForge.Mil.Passes.Fp16;

/// <summary>What to do with a float constant whose finite values do not fit in FP16 (|v| &gt; 65504).</summary>
public enum WeightOverflowAction
{
    /// <summary>
    /// The default, as coremltools: values of magnitude ≥ 1e38 are sentinels meant as ±infinity (masks built from the
    /// float32 minimum) and saturate to ±65504; any other overflowing constant keeps its consuming op in FP32.
    /// </summary>
    Auto,

    /// <summary>Every op that consumes an overflowing constant stays FP32.</summary>
    KeepFp32,

    /// <summary>Every overflowing value saturates to ±65504 and its ops go to FP16.</summary>
    Saturate,

    /// <summary>Conversion fails (MIL2101) naming every overflowing constant.</summary>
    Error,
}

/// <summary>Options of <see cref="Fp16ComputePass"/>.</summary>
public sealed record Fp16Options
{
    /// <summary>True to make fp32 model inputs and outputs fp16 (coremltools' default from iOS16); false keeps fp32 I/O with casts.</summary>
    public bool Fp16IO { get; init; } = true;

    /// <summary>What to do with constants that overflow FP16.</summary>
    public WeightOverflowAction OnWeightOverflow { get; init; } = WeightOverflowAction.Auto;

    /// <summary>Ops the user keeps in FP32 (from <c>--fp32-ops</c> or a precision plan); null keeps none.</summary>
    public Func<Operation, bool>? KeepFp32 { get; init; }

    /// <summary>Constants with fewer elements than this have non-zero values that would flush to zero raised to ±2^-24 (coremltools' rule).</summary>
    public int UnderflowRescueLimit { get; init; } = 400;
}
