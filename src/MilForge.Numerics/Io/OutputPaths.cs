using System.Diagnostics;
using System.Text.RegularExpressions;
using MilForge.Diagnostics;

namespace MilForge.Numerics.Io;

/// <summary>One hidden entry a writer left beside its target: a temporary (<c>tmp</c>) or a set-aside old copy (<c>old</c>).</summary>
/// <param name="Path">The entry's full path.</param>
/// <param name="Kind"><c>tmp</c> or <c>old</c>.</param>
/// <param name="IsStale">True when the process that made it is gone, so no one will finish or remove it.</param>
public sealed record LeftoverEntry(string Path, string Kind, bool IsStale);

/// <summary>
/// Checks the output paths users give, and names the hidden entries writers use beside a target:
/// <c>.NAME.tmp-PID-GUID</c> while writing and <c>.NAME.old-PID-GUID</c> for a replaced copy during the swap. The
/// process id tells a later writer whether the entry is stale (its process is gone) and may be removed.
/// </summary>
public static partial class OutputPaths
{
    /// <summary>Entries in the older format without a process id count as stale after this age.</summary>
    private static readonly TimeSpan LegacyStaleAge = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The full path of an output (trailing separators removed). Its folder must exist: an empty or malformed name,
    /// a missing folder or a file where the folder should be is <paramref name="code"/> (a user error).
    /// </summary>
    public static string Resolve(string path, string code = DiagnosticCodes.CliCannotWrite)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new DiagnosticException(code, "An output path is empty.");
        }
        string full;
        try
        {
            full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new DiagnosticException(code, $"'{path}' is not a valid path: {e.Message}");
        }
        var name = Path.GetFileName(full);
        if (name.Length == 0 || name is "." or ".." || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new DiagnosticException(code, $"'{path}' does not name a file or folder.");
        }
        var parent = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(parent))
        {
            var ancestor = parent;
            while (ancestor is not null && !Directory.Exists(ancestor) && !File.Exists(ancestor))
            {
                ancestor = Path.GetDirectoryName(ancestor);
            }
            throw new DiagnosticException(code, ancestor is not null && File.Exists(ancestor)
                ? $"Cannot write '{path}': '{ancestor}' is a file, not a folder."
                : $"Cannot write '{path}': the folder '{parent}' does not exist; create it first.");
        }
        return full;
    }

    /// <summary>A fresh hidden name beside <paramref name="name"/> of the given kind (<c>tmp</c> or <c>old</c>) for process <paramref name="processId"/>.</summary>
    public static string HiddenName(string name, string kind, int processId) => $".{name}.{kind}-{processId}-{Guid.NewGuid():N}";

    /// <summary>The hidden entries of <paramref name="name"/> in <paramref name="folder"/> (only names this scheme makes; nothing else).</summary>
    public static List<LeftoverEntry> Leftovers(string folder, string name)
    {
        var result = new List<LeftoverEntry>();
        if (!Directory.Exists(folder))
        {
            return result;
        }
        var prefix = $".{name}.";
        string[] entries;
        try
        {
            entries = Directory.GetFileSystemEntries(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return result;
        }
        foreach (var entry in entries)
        {
            var rest = Path.GetFileName(entry);
            if (!rest.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }
            rest = rest[prefix.Length..];
            if (WithProcessId().Match(rest) is { Success: true } m)
            {
                var alive = int.TryParse(m.Groups[2].Value, out var pid) && IsAlive(pid);
                result.Add(new LeftoverEntry(entry, m.Groups[1].Value, !alive));
            }
            else if (Legacy().Match(rest) is { Success: true } legacy)
            {
                var age = DateTime.UtcNow - File.GetLastWriteTimeUtc(entry);
                result.Add(new LeftoverEntry(entry, legacy.Groups[1].Value, age > LegacyStaleAge));
            }
        }
        return result;
    }

    /// <summary>Removes the stale leftovers of <paramref name="name"/> in <paramref name="folder"/> (best effort).</summary>
    public static void RemoveStale(string folder, string name)
    {
        foreach (var entry in Leftovers(folder, name).Where(e => e.IsStale))
        {
            TryDelete(entry.Path);
        }
    }

    /// <summary>Deletes a file or a folder tree if it exists; failures are ignored (the caller has nothing better to do).</summary>
    public static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for a later writer: the entry is hidden and named as a leftover.
        }
    }

    /// <summary>Whether a process with this id is running (this process always is).</summary>
    public static bool IsAlive(int processId)
    {
        if (processId == Environment.ProcessId)
        {
            return true;
        }
        try
        {
            using var process = Process.GetProcessById(processId);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    [GeneratedRegex("^(tmp|old)-([0-9]{1,10})-[0-9a-f]{32}$")]
    private static partial Regex WithProcessId();

    [GeneratedRegex("^(tmp|old)-[0-9a-f]{32}$")]
    private static partial Regex Legacy();
}
