using MilForge.Diagnostics;
using MilForge.Numerics.Io;

namespace MilForge.CoreML.Package;

/// <summary>The steps of placing a package; the test seam can stop the writer after each one.</summary>
internal enum PackageWriteStep
{
    /// <summary>The new package is complete in its hidden temporary folder.</summary>
    TempWritten,

    /// <summary>The old package (or the forced-over entry) was renamed aside.</summary>
    OldMovedAside,

    /// <summary>The new package was renamed into the target.</summary>
    NewMovedIn,

    /// <summary>The set-aside old package was deleted.</summary>
    OldDeleted,
}

/// <summary>Test seam of the package writer: the process id it names its hidden folders with and a hook after each step.</summary>
internal sealed record PackageWriteSeam(int ProcessId, Action<PackageWriteStep> AfterStep);

/// <summary>
/// Puts a package's files at its target without ever losing what was there: refuses entries it does not recognise
/// as Core ML packages (unless forced), writes a hidden <c>.NAME.tmp-PID-GUID</c> folder, renames the old package
/// aside (<c>.NAME.old-PID-GUID</c>), renames the new one in and deletes the old. A failure before the new package
/// is in puts the old one back. A run killed midway leaves hidden folders that the next write to the same target
/// resolves: a set-aside package whose target is missing is put back, other stale leftovers are deleted.
/// </summary>
internal static class PackagePlacement
{
    private static readonly AsyncLocal<PackageWriteSeam?> Seam = new();

    /// <summary>Uses <paramref name="seam"/> for writes on this async flow until disposed.</summary>
    internal static IDisposable UseSeam(PackageWriteSeam seam)
    {
        Seam.Value = seam;
        return new SeamScope();
    }

    /// <summary>Checks that a package can be written at <paramref name="path"/> with these options; returns the full target path.</summary>
    public static string Check(string path, PackageOptions options)
    {
        if (!path.TrimEnd('/', '\\').EndsWith(".mlpackage", StringComparison.OrdinalIgnoreCase))
        {
            throw new DiagnosticException(DiagnosticCodes.PkgWriteFailed, $"'{path}': a Core ML package path must end in .mlpackage.");
        }
        var target = OutputPaths.Resolve(path, DiagnosticCodes.PkgWriteFailed);
        if (options.Force)
        {
            return target;
        }
        if (File.Exists(target))
        {
            throw Refused(path, "is a file, not a Core ML package");
        }
        if (Directory.Exists(target))
        {
            if (!IsPackage(target))
            {
                throw Refused(path, "is a folder that is not a Core ML package (no Manifest.json whose root item is a Core ML model)");
            }
            if (!options.Overwrite)
            {
                throw new DiagnosticException(DiagnosticCodes.CliOutputExists, $"'{path}' already exists.");
            }
        }
        return target;
    }

    /// <summary>Whether <paramref name="folder"/> is a package: a Manifest.json whose root item is a Core ML model.</summary>
    public static bool IsPackage(string folder)
    {
        var manifestPath = Path.Combine(folder, "Manifest.json");
        try
        {
            if (!File.Exists(manifestPath))
            {
                return false;
            }
            var root = Manifest.Parse(File.ReadAllText(manifestPath), manifestPath).RootModel;
            return root.Author == MlPackageWriter.Author && root.Path.EndsWith(".mlmodel", StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception e) when (e is DiagnosticException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Writes <paramref name="files"/> (relative path → bytes) as the package at <paramref name="path"/>.</summary>
    public static void Place(string path, IReadOnlyDictionary<string, byte[]> files, PackageOptions options)
    {
        var seam = Seam.Value;
        var target = OutputPaths.Resolve(path, DiagnosticCodes.PkgWriteFailed);
        var parent = Path.GetDirectoryName(target)!;
        var name = Path.GetFileName(target);
        Recover(parent, name, target);
        Check(path, options);
        var processId = seam?.ProcessId ?? Environment.ProcessId;
        var temp = Path.Combine(parent, OutputPaths.HiddenName(name, "tmp", processId));
        var aside = Path.Combine(parent, OutputPaths.HiddenName(name, "old", processId));
        var movedAside = false;
        try
        {
            WriteTree(temp, files);
            seam?.AfterStep(PackageWriteStep.TempWritten);
            if (File.Exists(target))
            {
                File.Move(target, aside);
                movedAside = true;
            }
            else if (Directory.Exists(target))
            {
                Directory.Move(target, aside);
                movedAside = true;
            }
            if (movedAside)
            {
                seam?.AfterStep(PackageWriteStep.OldMovedAside);
            }
            Directory.Move(temp, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var kept = movedAside && !Exists(target) && !TryMove(aside, target) ? $"; the previous '{name}' is kept as '{aside}'" : "";
            OutputPaths.TryDelete(temp);
            throw new DiagnosticException(DiagnosticCodes.PkgWriteFailed, $"Cannot write '{path}': {e.Message}{kept}", inner: e);
        }
        seam?.AfterStep(PackageWriteStep.NewMovedIn);
        if (movedAside)
        {
            OutputPaths.TryDelete(aside);
            seam?.AfterStep(PackageWriteStep.OldDeleted);
        }
    }

    /// <summary>Resolves what killed writers of this target left: puts a set-aside package back where the target is missing, deletes the rest.</summary>
    internal static void Recover(string parent, string name, string target)
    {
        var stale = OutputPaths.Leftovers(parent, name).Where(e => e.IsStale).ToList();
        if (!Exists(target))
        {
            var newestAside = stale.Where(e => e.Kind == "old").OrderByDescending(e => File.GetLastWriteTimeUtc(e.Path)).FirstOrDefault();
            if (newestAside is not null && TryMove(newestAside.Path, target))
            {
                stale.Remove(newestAside);
            }
        }
        foreach (var entry in stale)
        {
            OutputPaths.TryDelete(entry.Path);
        }
    }

    /// <summary>For a missing package: where an interrupted write left the previous one, as a sentence tail (empty when none).</summary>
    internal static string InterruptedHint(string path)
    {
        try
        {
            var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
            var aside = OutputPaths.Leftovers(Path.GetDirectoryName(target)!, Path.GetFileName(target)).FirstOrDefault(e => e.Kind == "old" && e.IsStale);
            return aside is null ? "" : $"; a write to it was interrupted and the previous package is at '{aside.Path}' (the next write to '{path}' puts it back first)";
        }
        catch (Exception e) when (e is ArgumentException or IOException or NotSupportedException)
        {
            return "";
        }
    }

    private static void WriteTree(string root, IReadOnlyDictionary<string, byte[]> files)
    {
        Directory.CreateDirectory(Path.Combine(root, "Data", MlPackageWriter.Author, "weights"));
        foreach (var (relative, bytes) in files)
        {
            var file = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
    }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    private static bool TryMove(string from, string to)
    {
        try
        {
            if (Directory.Exists(from))
            {
                Directory.Move(from, to);
            }
            else
            {
                File.Move(from, to);
            }
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static DiagnosticException Refused(string path, string what) =>
        new(DiagnosticCodes.CliOutputExists, $"'{path}' {what}; refusing to replace it (--force replaces it).");

    private sealed class SeamScope : IDisposable
    {
        public void Dispose() => Seam.Value = null;
    }
}
