using MilForge.Diagnostics;
using MilForge.Numerics.Io;

namespace MilForge.Numerics.Tests;

/// <summary>Report and tensor files go to a temporary beside the target and are renamed over it; bad paths are user errors.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private const int DeadProcess = int.MaxValue - 7;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "milforge-tests", Guid.NewGuid().ToString("N"));

    public AtomicFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string this[string name] => Path.Combine(_dir, name);

    private List<string> Entries() => [.. Directory.EnumerateFileSystemEntries(_dir).Select(e => Path.GetFileName(e)).Order(StringComparer.Ordinal)];

    [Fact]
    public void WritesAndReplacesAFileLeavingNothingElse()
    {
        AtomicFile.WriteAllText(this["r.json"], "first, and longer");
        AtomicFile.WriteAllText(this["r.json"], "second");
        Assert.Equal("second", File.ReadAllText(this["r.json"]));
        Assert.Equal(["r.json"], Entries());
    }

    [Fact]
    public void AFolderAtTheTargetIsRefused()
    {
        Directory.CreateDirectory(this["r.json"]);
        File.WriteAllText(this["r.json/keep.txt"], "mine");
        Assert.Equal(DiagnosticCodes.CliOutputExists, Assert.Throws<DiagnosticException>(() => AtomicFile.WriteAllText(this["r.json"], "x")).Code);
        Assert.Equal("mine", File.ReadAllText(this["r.json/keep.txt"]));
    }

    [Theory]
    [InlineData("missing/r.json")]
    [InlineData("file/r.json")]
    [InlineData("file/deeper/r.json")]
    [InlineData("")]
    [InlineData("bad\0name.json")]
    public void UnwritablePathsAreUserErrors(string relative)
    {
        File.WriteAllText(this["file"], "not a folder");
        var path = relative.Length == 0 ? "" : this[relative];
        var e = Assert.Throws<DiagnosticException>(() => AtomicFile.WriteAllText(path, "x"));
        Assert.Equal(DiagnosticCodes.CliCannotWrite, e.Code);
        Assert.Equal(["file"], Entries());
        Assert.Equal("not a folder", File.ReadAllText(this["file"]));
    }

    [Fact]
    public void StaleTemporariesOfTheTargetAreRemovedOthersKept()
    {
        var guid = Guid.NewGuid().ToString("N");
        File.WriteAllText(this[$".r.json.tmp-{DeadProcess}-{guid}"], "half a report");
        File.WriteAllText(this[$".r.json.tmp-{Environment.ProcessId}-{guid}"], "being written");
        File.WriteAllText(this[$".q.json.tmp-{DeadProcess}-{guid}"], "another target");
        AtomicFile.WriteAllText(this["r.json"], "done");
        Assert.Equal([$".q.json.tmp-{DeadProcess}-{guid}", $".r.json.tmp-{Environment.ProcessId}-{guid}", "r.json"], Entries());
    }

    [Fact]
    public void ProcessLiveness()
    {
        Assert.True(OutputPaths.IsAlive(Environment.ProcessId));
        Assert.False(OutputPaths.IsAlive(DeadProcess));
    }

    [Fact]
    public void TheTemporaryOfAProcessThatExitedIsStale()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("starts /bin/sh");
            return;
        }
        using var child = System.Diagnostics.Process.Start("/bin/sh", ["-c", "exit 0"]);
        child.WaitForExit();
        var leftover = this[$".r.json.tmp-{child.Id}-{Guid.NewGuid():N}"];
        File.WriteAllText(leftover, "half a report");
        Assert.Contains(OutputPaths.Leftovers(_dir, "r.json"), e => e.Path == leftover && e.IsStale);
        AtomicFile.WriteAllText(this["r.json"], "done");
        Assert.Equal(["r.json"], Entries());
    }
}
