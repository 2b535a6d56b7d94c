namespace MilForge.Diagnostics;

/// <summary>
/// A user-facing message with a stable code (see <see cref="DiagnosticCodes"/>), the place it refers to
/// (file, tensor, op) and, for ops, the source node it came from.
/// </summary>
/// <param name="Code">Stable code such as <c>ONNX1002</c>.</param>
/// <param name="Severity">Error, warning or info.</param>
/// <param name="Message">What happened, naming the file, tensor or op concerned.</param>
/// <param name="Origin">The source node behind the op concerned, when there is one.</param>
public sealed record Diagnostic(string Code, Severity Severity, string Message, Origin? Origin = null)
{
    /// <summary>Creates an error diagnostic.</summary>
    public static Diagnostic Error(string code, string message, Origin? origin = null) => new(code, Severity.Error, message, origin);

    /// <summary>Creates a warning diagnostic.</summary>
    public static Diagnostic Warning(string code, string message, Origin? origin = null) => new(code, Severity.Warning, message, origin);

    /// <summary>Creates an informational diagnostic.</summary>
    public static Diagnostic Info(string code, string message, Origin? origin = null) => new(code, Severity.Info, message, origin);

    /// <inheritdoc />
    public override string ToString()
    {
        var level = Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "info" };
        var text = $"{level} {Code}: {Message}";
        return Origin is { IsNone: false } ? $"{text} [{Origin}]" : text;
    }
}
