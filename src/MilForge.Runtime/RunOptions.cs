namespace MilForge.Runtime;

/// <summary>Options of one interpreter run.</summary>
public sealed record RunOptions
{
    /// <summary>The numeric policy (accumulation in FP16 ops).</summary>
    public PrecisionPolicy Policy { get; init; } = PrecisionPolicy.Default;

    /// <summary>Called around every op; null for none.</summary>
    public IInterpreterListener? Listener { get; init; }

    /// <summary>Cast inputs to the declared input type (e.g. fp32 data into an fp16 input) instead of rejecting them.</summary>
    public bool CastInputs { get; init; } = true;
}
