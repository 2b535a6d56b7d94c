using MilForge.Diagnostics;

namespace MilForge.Cli.Commands;

/// <summary>Checks of option values that need no model, run before any model is loaded (a typo fails in a second).</summary>
internal static class ArgumentChecks
{
    /// <summary>Each <c>--inputs</c> folder must exist.</summary>
    public static void InputFolders(params string[]? folders)
    {
        foreach (var folder in folders ?? [])
        {
            if (!Directory.Exists(folder))
            {
                throw new DiagnosticException(DiagnosticCodes.CliBadFile, $"--inputs '{folder}' is not a folder.");
            }
        }
    }

    /// <summary>A count option (--samples, --budget) must be at least <paramref name="least"/>.</summary>
    public static void AtLeast(string option, int value, int least = 1)
    {
        if (value < least)
        {
            throw new DiagnosticException(DiagnosticCodes.CliUsage, $"{option} must be at least {least}; got {value}.");
        }
    }
}
