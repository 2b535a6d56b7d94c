using MilForge.CoreML.Package;
using MilForge.Diagnostics;
using MilForge.Mil.Verification;

namespace MilForge.CoreML.Tests.Fuzz;

/// <summary>
/// Mutates the bytes of coremltools fixture packages (model.mlmodel, weight.bin, Manifest.json) a few thousand times:
/// reading each mutant must end in a result or a diagnostic — never another exception, never a hang.
/// Failures print the seed and iteration so they can be replayed.
/// </summary>
public class PackageFuzzSharedTests
{
    private const int IterationsPerPackage = 1000;

    private static readonly TimeSpan PerReadLimit = TimeSpan.FromSeconds(20);

    public static TheoryData<string, string> Packages() => new()
    {
        { "mlp", "fp16.mlpackage" },
        { "weights_overflow", "fp16.mlpackage" },
        { "cnn", "fp32.mlpackage" },
    };

    [Theory]
    [MemberData(nameof(Packages))]
    public void MutatedPackagesGiveDiagnosticsNotCrashes(string fixture, string package)
    {
        var source = SharedData.Path("fixtures", "coremltools", fixture, package);
        var work = Path.Combine(Path.GetTempPath(), "milforge-fuzz", Guid.NewGuid().ToString("N"), "m.mlpackage");
        CopyDirectory(source, work);
        var files = new[] { "Manifest.json", "Data/com.apple.CoreML/model.mlmodel", "Data/com.apple.CoreML/weights/weight.bin" }
            .Where(f => File.Exists(Path.Combine(work, f))).ToArray();
        var originals = files.ToDictionary(f => f, f => File.ReadAllBytes(Path.Combine(work, f)));
        var seed = ByteMutator.Seed(fixture);
        var random = new Random(seed);
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>();
        try
        {
            for (var iteration = 0; iteration < IterationsPerPackage; iteration++)
            {
                var file = files[random.Next(files.Length)];
                var mutation = random.Next(ByteMutator.Kinds);
                var mutant = ByteMutator.Mutate(originals[file], mutation, random);
                File.WriteAllBytes(Path.Combine(work, file), mutant);
                var outcome = ReadOnce(work, out var failure);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
                if (failure is not null)
                {
                    failures.Add($"{fixture} seed {seed} iteration {iteration} ({file}, mutation {mutation}): {failure}");
                }
                File.WriteAllBytes(Path.Combine(work, file), originals[file]);
            }
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(work)!, recursive: true);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.True(outcomes.GetValueOrDefault("diagnostic") > IterationsPerPackage / 10, "too few mutants were rejected: " + string.Join(", ", outcomes));
    }

    private static string ReadOnce(string path, out string? failure) => FuzzOutcome.Classify(() =>
    {
        var model = MlPackageReader.Read(path);
        var errors = MilVerifier.Verify(model.Program).Where(d => d.Severity == Severity.Error).ToList();
        return errors.Count == 0 ? "read" : "read with verifier errors";
    }, PerReadLimit, out failure);

    private static void CopyDirectory(string source, string target)
    {
        foreach (var dir in Directory.GetDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, dir)));
        }
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            File.Copy(file, to);
            File.SetAttributes(to, FileAttributes.Normal);
        }
    }
}
