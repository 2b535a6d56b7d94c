namespace MilForge.Cli;

/// <summary>Exit codes of every verb.</summary>
internal static class ExitCodes
{
    /// <summary>Success (for compare: all outputs within tolerance).</summary>
    public const int Ok = 0;

    /// <summary>compare: some output differs beyond tolerance.</summary>
    public const int Differ = 1;

    /// <summary>compare: the candidate has NaN/Inf where the reference has none.</summary>
    public const int NonFinite = 2;

    /// <summary>Invalid input or usage: a diagnostic was printed.</summary>
    public const int InvalidInput = 3;

    /// <summary>An internal error (a bug in MilForge): please report it.</summary>
    public const int InternalError = 70;
}
