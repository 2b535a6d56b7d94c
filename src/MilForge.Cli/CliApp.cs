using System.CommandLine;
using MilForge.Cli.Commands;
using MilForge.Diagnostics;

namespace MilForge.Cli;

/// <summary>
/// The <c>milforge</c> command line: builds the verbs, parses, runs, and turns failures into exit codes —
/// 3 with the diagnostics for user errors (bad files, unsupported models, bad arguments, and file-system failures
/// such as a full disk or a folder that vanished), 70 with a stack trace for anything else, which is a bug.
/// </summary>
internal static class CliApp
{
    /// <summary>The root command with every verb.</summary>
    public static RootCommand Build(TextWriter output, TextWriter error) =>
        new("MilForge: ONNX → Core ML ML Program converter, interpreter and FP16 precision toolkit.")
        {
            ConvertCommand.Create(output, error),
            RunCommand.Create(output, error),
            CompareCommand.Create(output, error),
            DemoCommand.Create(output, error),
            ConformanceCommand.Create(output, error),
            InspectCommand.Create(output, error),
            DebugPrecisionCommand.Create(output, error),
        };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = Build(output, error);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                error.WriteLine($"error {DiagnosticCodes.CliUsage}: {e.Message}");
            }
            error.WriteLine("Run 'milforge --help' for usage.");
            return ExitCodes.InvalidInput;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (DiagnosticException e)
        {
            foreach (var d in e.Diagnostics)
            {
                error.WriteLine(d.ToString());
            }
            return ExitCodes.InvalidInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The file system refused (disk full, permissions, a path that changed under us): the user's to fix, not a bug.
            error.WriteLine($"error {DiagnosticCodes.CliBadFile}: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Exception e)
        {
            error.WriteLine($"internal error: {e.Message}");
            error.WriteLine("This is a bug in MilForge. Please report it with the command and the model.");
            error.WriteLine(e.ToString());
            return ExitCodes.InternalError;
        }
    }
}
