namespace MilForge.Diagnostics;

/// <summary>
/// Thrown for user errors (bad input files, unsupported models, bad arguments). It carries diagnostics that the
/// command line prints as they are; any other exception type means a bug in MilForge.
/// </summary>
public sealed class DiagnosticException : Exception
{
    /// <summary>Creates the exception from one or more diagnostics (at least one).</summary>
    public DiagnosticException(IReadOnlyList<Diagnostic> diagnostics, Exception? inner = null)
        : base(string.Join(Environment.NewLine, diagnostics), inner)
    {
        if (diagnostics.Count == 0)
        {
            throw new ArgumentException("At least one diagnostic is required.", nameof(diagnostics));
        }
        Diagnostics = diagnostics;
    }

    /// <summary>Creates the exception from a single error.</summary>
    public DiagnosticException(string code, string message, Origin? origin = null, Exception? inner = null)
        : this([Diagnostic.Error(code, message, origin)], inner)
    {
    }

    /// <summary>The diagnostics, the first being the main one.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>The code of the first diagnostic.</summary>
    public string Code => Diagnostics[0].Code;
}
