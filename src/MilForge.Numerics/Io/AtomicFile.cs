using System.Text;
using MilForge.Diagnostics;

namespace MilForge.Numerics.Io;

/// <summary>
/// Writes output files (reports, plans, tensors) so a killed or failed run never leaves half a file at the target:
/// the bytes go to a hidden <c>.NAME.tmp-PID-GUID</c> beside it, are flushed, and are renamed over the target. An
/// existing file at the target is replaced; a folder there is refused (CLI6004). Stale temporaries of the same target
/// left by processes that are gone are removed first.
/// </summary>
public static class AtomicFile
{
    /// <summary>Checks that <paramref name="path"/> can take a file (its folder exists, no folder is in the way); returns the full path.</summary>
    public static string Check(string path)
    {
        var target = OutputPaths.Resolve(path);
        if (Directory.Exists(target))
        {
            throw new DiagnosticException(DiagnosticCodes.CliOutputExists, $"'{path}' is a folder; give the name of a file to write.");
        }
        return target;
    }

    /// <summary>Writes UTF-8 text (no byte-order mark) atomically.</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, Encoding.UTF8.GetBytes(text));

    /// <summary>Writes bytes atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var target = Check(path);
        var folder = Path.GetDirectoryName(target)!;
        var name = Path.GetFileName(target);
        OutputPaths.RemoveStale(folder, name);
        var temp = Path.Combine(folder, OutputPaths.HiddenName(name, "tmp", Environment.ProcessId));
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, target, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            OutputPaths.TryDelete(temp);
            throw new DiagnosticException(DiagnosticCodes.CliCannotWrite, $"Cannot write '{path}': {e.Message}", inner: e);
        }
    }
}
