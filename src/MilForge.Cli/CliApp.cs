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
    /// <summary>The root command with every verb, writing plainly to <paramref name="output"/> and <paramref name="error"/>.</summary>
    public static RootCommand Build(TextWriter output, TextWriter error) => Build(new CliIo(output, error));

    /// <summary>The root command with every verb and the global options (<c>--quiet</c>, <c>--verbose</c>).</summary>
    public static RootCommand Build(CliIo io) =>
        new("MilForge: ONNX → Core ML ML Program converter, interpreter and FP16 precision toolkit.")
        {
            new Option<bool>(Quiet, "-q") { Description = "Print nothing on stdout but what a verb is asked to print there (--json -), and only errors on stderr.", Recursive = true },
            new Option<bool>(Verbose) { Description = "Print more: every test of conformance, the time of each phase.", Recursive = true },
            ConvertCommand.Create(io),
            RunCommand.Create(io),
            CompareCommand.Create(io),
            DemoCommand.Create(io),
            ConformanceCommand.Create(io),
            InspectCommand.Create(io),
            DebugPrecisionCommand.Create(io),
        };

    private const string Quiet = "--quiet";
    private const string Verbose = "--verbose";

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        // A first parse reads the global options and --json; the verbs are then built with the writers those choose.
        var probe = Build(TextWriter.Null, TextWriter.Null).Parse(args);
        var io = new CliIo(output, error, Flag(probe, Quiet), Flag(probe, Verbose), JsonToStdout(probe));
        error = io.Error;
        var root = Build(io);
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
        finally
        {
            error.Flush();
        }
    }

    private static bool Flag(ParseResult parse, string name) =>
        parse.RootCommandResult.Command.Options.OfType<Option<bool>>().FirstOrDefault(o => o.Name == name) is { } option && parse.GetValue(option);

    /// <summary>Whether the verb prints its JSON on stdout: <c>--json -</c>, or inspect's bare (deprecated) <c>--json</c>.</summary>
    private static bool JsonToStdout(ParseResult parse)
    {
        if (parse.CommandResult.Command.Options.OfType<Option<string?>>().FirstOrDefault(o => o.Name == "--json") is not { } json
            || parse.GetResult(json) is not { } given)
        {
            return false;
        }
        var value = parse.GetValue(json);
        return value == CliIo.StdoutPath || (value is null && given.Tokens.Count == 0 && parse.CommandResult.Command.Name == "inspect");
    }
}
