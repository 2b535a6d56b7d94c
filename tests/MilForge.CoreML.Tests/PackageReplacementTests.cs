using MilForge.CoreML.Package;
using MilForge.Diagnostics;
using MilForge.Mil;

namespace MilForge.CoreML.Tests;

/// <summary>
/// The writer never destroys what it did not write: foreign entries at the target are refused unless forced, an
/// existing package is swapped atomically, and whatever a killed write leaves is resolved by the next write.
/// </summary>
public class PackageReplacementTests
{
    /// <summary>A process id no process has (beyond every platform's limit): entries named with it are stale.</summary>
    private const int DeadProcess = int.MaxValue - 7;

    private static readonly MilProgram Old = TestPrograms.Tiny();

    private static readonly MilProgram New = TestPrograms.Package(DeploymentTarget.iOS16);

    private sealed class SimulatedKill : Exception;

    private static List<string> TopLevel(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder).Select(e => Path.GetFileName(e) + (Directory.Exists(e) ? "/" : "")).Order(StringComparer.Ordinal)];

    /// <summary>True when <paramref name="package"/> holds exactly the files <paramref name="program"/> writes.</summary>
    private static bool Holds(string package, MilProgram program)
    {
        var expected = MlPackageWriter.BuildFiles(program);
        var actual = TempDir.Entries(package).Where(e => !e.EndsWith('/')).ToList();
        return actual.Order(StringComparer.Ordinal).SequenceEqual(expected.Keys.Order(StringComparer.Ordinal))
            && expected.All(kv => File.ReadAllBytes(Path.Combine(package, kv.Key)).AsSpan().SequenceEqual(kv.Value));
    }

    [Fact]
    public void AFolderThatIsNotAPackageIsRefusedAndKept()
    {
        using var dir = new TempDir();
        var path = dir["m.mlpackage"];
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "notes.txt"), "mine");
        var e = Assert.Throws<DiagnosticException>(() => MlPackageWriter.Write(New, path));
        Assert.Equal(DiagnosticCodes.CliOutputExists, e.Code);
        Assert.Contains("--force", e.Message);
        Assert.Equal(["notes.txt"], TempDir.Entries(path));
        Assert.Equal(["m.mlpackage/"], TopLevel(dir.Path));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    public void AFolderWithABadManifestIsNotAPackage(string manifest)
    {
        using var dir = new TempDir();
        var path = dir["m.mlpackage"];
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "Manifest.json"), manifest);
        Assert.Equal(DiagnosticCodes.CliOutputExists, Assert.Throws<DiagnosticException>(() => MlPackageWriter.Write(New, path)).Code);
        Assert.Equal(manifest, File.ReadAllText(Path.Combine(path, "Manifest.json")));
    }

    [Fact]
    public void ForceReplacesAFolderOrAFile()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir["a.mlpackage"]);
        File.WriteAllText(dir["a.mlpackage/notes.txt"], "mine");
        File.WriteAllText(dir["b.mlpackage"], "a file");
        MlPackageWriter.Write(New, dir["a.mlpackage"], new PackageOptions { Force = true });
        MlPackageWriter.Write(New, dir["b.mlpackage"], new PackageOptions { Force = true });
        Assert.True(Holds(dir["a.mlpackage"], New));
        Assert.True(Holds(dir["b.mlpackage"], New));
        Assert.Equal(["a.mlpackage/", "b.mlpackage/"], TopLevel(dir.Path));
    }

    [Fact]
    public void CheckTargetRefusesBeforeAnyWork()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir["f.mlpackage"], "a file");
        Assert.Equal(DiagnosticCodes.CliOutputExists, Assert.Throws<DiagnosticException>(() => MlPackageWriter.CheckTarget(dir["f.mlpackage"])).Code);
        Assert.Equal(DiagnosticCodes.PkgWriteFailed, Assert.Throws<DiagnosticException>(() => MlPackageWriter.CheckTarget(dir["missing/m.mlpackage"])).Code);
        Assert.Equal(DiagnosticCodes.PkgWriteFailed, Assert.Throws<DiagnosticException>(() => MlPackageWriter.CheckTarget(dir["f.mlpackage/m.mlpackage"])).Code);
        MlPackageWriter.CheckTarget(dir["f.mlpackage"], new PackageOptions { Force = true });
        MlPackageWriter.CheckTarget(dir["new.mlpackage"]);
        Assert.Equal(["f.mlpackage"], TopLevel(dir.Path));
    }

    [Theory]
    [InlineData(nameof(PackageWriteStep.TempWritten))]
    [InlineData(nameof(PackageWriteStep.OldMovedAside))]
    public void AFailedStepPutsTheOldPackageBack(string failingStep)
    {
        var failing = Enum.Parse<PackageWriteStep>(failingStep);
        using var dir = new TempDir();
        var path = dir["m.mlpackage"];
        MlPackageWriter.Write(Old, path);
        using (PackagePlacement.UseSeam(new PackageWriteSeam(Environment.ProcessId, step =>
        {
            if (step == failing)
            {
                throw new IOException("injected failure");
            }
        })))
        {
            var e = Assert.Throws<DiagnosticException>(() => MlPackageWriter.Write(New, path));
            Assert.Equal(DiagnosticCodes.PkgWriteFailed, e.Code);
            Assert.Contains("injected failure", e.Message);
        }
        Assert.True(Holds(path, Old));
        Assert.Equal(["m.mlpackage/"], TopLevel(dir.Path));
    }

    [Theory]
    [InlineData(nameof(PackageWriteStep.TempWritten), false)]
    [InlineData(nameof(PackageWriteStep.OldMovedAside), false)]
    [InlineData(nameof(PackageWriteStep.NewMovedIn), true)]
    [InlineData(nameof(PackageWriteStep.OldDeleted), true)]
    public void AKillAtAnyStepLeavesTheOldOrTheNewPackageAndTheNextWriteCleansUp(string step, bool newIsIn)
    {
        var killedAfter = Enum.Parse<PackageWriteStep>(step);
        using var dir = new TempDir();
        var path = dir["m.mlpackage"];
        MlPackageWriter.Write(Old, path);
        using (PackagePlacement.UseSeam(new PackageWriteSeam(DeadProcess, step =>
        {
            if (step == killedAfter)
            {
                throw new SimulatedKill();
            }
        })))
        {
            // A kill runs no handler: the writer must not catch it, so nothing is rolled back or tidied here.
            Assert.Throws<SimulatedKill>(() => MlPackageWriter.Write(New, path));
        }
        if (Directory.Exists(path))
        {
            Assert.True(Holds(path, newIsIn ? New : Old), $"after a kill at {killedAfter} the target is neither the whole old nor the whole new package");
        }
        else
        {
            // Between the two renames the target is briefly absent; the old package waits, complete, beside it.
            Assert.Equal(PackageWriteStep.OldMovedAside, killedAfter);
            var e = Assert.Throws<DiagnosticException>(() => MlPackageReader.Read(path));
            Assert.Contains("interrupted", e.Message);
        }

        // What the next write does first: a set-aside package whose target is missing goes back, the rest goes.
        PackagePlacement.Recover(dir.Path, "m.mlpackage", path);
        Assert.True(Holds(path, newIsIn ? New : Old));
        Assert.Equal(["m.mlpackage/"], TopLevel(dir.Path));

        MlPackageWriter.Write(TestPrograms.Package(DeploymentTarget.iOS18), path);
        Assert.True(Holds(path, TestPrograms.Package(DeploymentTarget.iOS18)));
        Assert.Equal(["m.mlpackage/"], TopLevel(dir.Path));
    }

    [Fact]
    public void AKilledFirstWriteLeavesNoTargetAndIsCleanedUp()
    {
        using var dir = new TempDir();
        var path = dir["m.mlpackage"];
        using (PackagePlacement.UseSeam(new PackageWriteSeam(DeadProcess, _ => throw new SimulatedKill())))
        {
            Assert.Throws<SimulatedKill>(() => MlPackageWriter.Write(New, path));
        }
        Assert.False(Directory.Exists(path));
        Assert.Single(TopLevel(dir.Path));
        MlPackageWriter.Write(New, path);
        Assert.Equal(["m.mlpackage/"], TopLevel(dir.Path));
    }

    [Fact]
    public void TemporaryFoldersCarryTheWritersProcessId()
    {
        using var dir = new TempDir();
        var seen = new List<string>();
        using (PackagePlacement.UseSeam(new PackageWriteSeam(Environment.ProcessId, _ => seen.AddRange(TopLevel(dir.Path)))))
        {
            MlPackageWriter.Write(Old, dir["m.mlpackage"]);
            MlPackageWriter.Write(New, dir["m.mlpackage"]);
        }
        var hidden = seen.Where(e => e.StartsWith('.')).Distinct().ToList();
        Assert.Contains(hidden, e => e.StartsWith($".m.mlpackage.tmp-{Environment.ProcessId}-", StringComparison.Ordinal));
        Assert.Contains(hidden, e => e.StartsWith($".m.mlpackage.old-{Environment.ProcessId}-", StringComparison.Ordinal));
        Assert.All(hidden, e => Assert.Matches(@"^\.m\.mlpackage\.(tmp|old)-\d+-[0-9a-f]{32}/$", e));
    }

    [Fact]
    public void AWriteRemovesStaleLeftoversOfItsTargetOnly()
    {
        using var dir = new TempDir();
        MlPackageWriter.Write(Old, dir["m.mlpackage"]);
        var guid = Guid.NewGuid().ToString("N");
        string[] stale = [$".m.mlpackage.tmp-{DeadProcess}-{guid}", $".m.mlpackage.old-{DeadProcess}-{guid}"];
        string[] kept =
        [
            $".m.mlpackage.tmp-{Environment.ProcessId}-{guid}", // a live process is still writing it
            $".other.mlpackage.tmp-{DeadProcess}-{guid}", // another target's
            ".m.mlpackage.notes", // not a name the writer makes
            $".m.mlpackage.tmp-{guid}", // the older format without a process id, too recent to judge
        ];
        foreach (var name in stale.Concat(kept))
        {
            Directory.CreateDirectory(Path.Combine(dir.Path, name, "Data"));
        }
        MlPackageWriter.Write(New, dir["m.mlpackage"]);
        Assert.Equal(kept.Select(k => k + "/").Append("m.mlpackage/").Order(StringComparer.Ordinal), TopLevel(dir.Path));
        Assert.True(Holds(dir["m.mlpackage"], New));
    }

    [Fact]
    public void OldFormatLeftoversAreRemovedOnceOld()
    {
        using var dir = new TempDir();
        var legacy = dir[$".m.mlpackage.tmp-{Guid.NewGuid():N}"];
        Directory.CreateDirectory(legacy);
        Directory.SetLastWriteTimeUtc(legacy, DateTime.UtcNow.AddHours(-1));
        MlPackageWriter.Write(New, dir["m.mlpackage"]);
        Assert.Equal(["m.mlpackage/"], TopLevel(dir.Path));
    }
}
