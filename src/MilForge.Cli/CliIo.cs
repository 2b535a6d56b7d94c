using System.CommandLine;
using System.Text;
using MilForge.Numerics.Io;

namespace MilForge.Cli;

/// <summary>
/// Where a verb writes, as the global options say: <see cref="Output"/> for human text (stdout; stderr when
/// <c>--json -</c> claims stdout; nowhere with <c>--quiet</c>), <see cref="Error"/> for diagnostics (errors only
/// with <c>--quiet</c>), <see cref="Stdout"/> for what a verb is asked to print there (<c>--json -</c>).
/// </summary>
internal sealed class CliIo
{
    /// <summary>The value of <c>--json</c> that means stdout.</summary>
    public const string StdoutPath = "-";

    public CliIo(TextWriter stdout, TextWriter stderr, bool quiet = false, bool verbose = false, bool jsonToStdout = false)
    {
        Stdout = stdout;
        Error = quiet ? new ErrorsOnlyWriter(stderr) : stderr;
        Output = quiet ? TextWriter.Null : jsonToStdout ? stderr : stdout;
        Quiet = quiet;
        Verbose = verbose && !quiet;
        // Progress only for a person at a terminal: never when stdout is redirected (tests, pipes), quiet or claimed by --json -.
        Interactive = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected && !quiet && !jsonToStdout;
    }

    /// <summary>Whether progress is shown (stdout is an interactive terminal, not --quiet, not --json -).</summary>
    public bool Interactive { get; }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public TextWriter Stdout { get; }

    public bool Quiet { get; }

    public bool Verbose { get; }

    /// <summary>The <c>--json FILE</c> option of a verb: <c>-</c> prints the JSON on stdout and nothing else there.</summary>
    public static Option<string?> JsonOption(string whatIsWritten) => new("--json")
    {
        Description = $"Write {whatIsWritten} to this JSON file; '-' prints it on stdout (and nothing else goes there).",
    };

    /// <summary>The file a <c>--json</c> value names, or null for none and for stdout (so output checks skip it).</summary>
    public static string? JsonFile(string? path) => path == StdoutPath ? null : path;

    /// <summary>
    /// Writes the JSON to stdout for <c>-</c> or atomically to the file, then says where it went (files only);
    /// nothing for a null path.
    /// </summary>
    public void WriteJson(string? path, Func<string> content, string announce = "Wrote {0}")
    {
        if (path is null)
        {
            return;
        }
        var text = content();
        if (path == StdoutPath)
        {
            Stdout.Write(text.EndsWith('\n') ? text : text + "\n");
            return;
        }
        AtomicFile.WriteAllText(path, text);
        Output.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, announce, path));
    }

    /// <summary>Prints one phase's time with <c>--verbose</c>.</summary>
    public void Timing(string phase, TimeSpan elapsed)
    {
        if (Verbose)
        {
            Output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  time {phase}: {elapsed.TotalMilliseconds:F0} ms"));
        }
    }

    /// <summary>Runs <paramref name="work"/> under a spinner naming the phase (interactive only) and prints its time with <c>--verbose</c>.</summary>
    public T Timed<T>(string phase, Func<T> work)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = Interactive ? Spectre.Console.AnsiConsole.Status().Start(phase + " ...", _ => work()) : work();
        Timing(phase, clock.Elapsed);
        return result;
    }

    /// <summary>Runs <paramref name="work"/> as <see cref="Timed{T}(string, Func{T})"/> does.</summary>
    public void Timed(string phase, Action work) => Timed(phase, () =>
    {
        work();
        return true;
    });

    /// <summary>
    /// Runs one step per item under a progress bar (interactive only); lines the
    /// steps write to <see cref="Output"/> meanwhile are held and printed after the bar.
    /// </summary>
    public void Steps<T>(string title, IReadOnlyList<T> items, Action<T, TextWriter> step)
    {
        if (!Interactive)
        {
            foreach (var item in items)
            {
                step(item, Output);
            }
            return;
        }
        var held = new StringWriter();
        Spectre.Console.AnsiConsole.Progress().Start(ctx =>
        {
            var task = ctx.AddTask(title, maxValue: Math.Max(1, items.Count));
            foreach (var item in items)
            {
                step(item, held);
                task.Increment(1);
            }
        });
        Output.Write(held.ToString());
    }

    /// <summary>Passes whole lines except warning and info diagnostics (what <c>--quiet</c> keeps on stderr).</summary>
    private sealed class ErrorsOnlyWriter(TextWriter inner) : TextWriter
    {
        private readonly StringBuilder _line = new();

        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value)
        {
            _line.Append(value);
            if (value == '\n')
            {
                Emit();
            }
        }

        public override void Flush()
        {
            if (_line.Length > 0)
            {
                Emit();
            }
            inner.Flush();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Flush();
            }
            base.Dispose(disposing);
        }

        private void Emit()
        {
            var line = _line.ToString();
            _line.Clear();
            if (!line.StartsWith("warning ", StringComparison.Ordinal) && !line.StartsWith("info ", StringComparison.Ordinal))
            {
                inner.Write(line);
            }
        }
    }
}
