namespace MilForge.Diagnostics;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum Severity
{
    /// <summary>Informational: an action the tool took, e.g. a saturated constant.</summary>
    Info,
    /// <summary>Something the user should look at; the operation still succeeded.</summary>
    Warning,
    /// <summary>The operation failed.</summary>
    Error,
}
