using System.Text.RegularExpressions;
using MilForge.CoreML.Package;

namespace MilForge.Cli.Tests;

/// <summary>
/// Walks every output option of every verb against the targets users get wrong — an existing file, an existing
/// folder, a path under a file (unwritable even for root: the OS cannot create an entry inside a file) and a missing
/// folder — and checks each is a coded diagnostic with exit 3 (or a clean replacement where replacing is the
/// contract), that nothing there changed, and never exit 70.
/// </summary>
public partial class OutputOptionsWalkTests
{
    /// <summary>What an option names: a report file, a package folder, or a folder of outputs.</summary>
    private enum Kind
    {
        File,
        Package,
        Folder,
    }

    /// <summary>A verb's output option and the command line that gives it <c>target</c>.</summary>
    private sealed record OutputCase(string Verb, string Option, Kind Kind, Func<Paths, string, string[]> Args);

    /// <summary>The inputs the commands read: a model, a package of it and an empty conformance folder.</summary>
    private sealed record Paths(string Model, string Package, string TestsFolder, string Scratch);

    /// <summary>The plan beside a package is written by the search: it stands for the package's name with .plan.json.</summary>
    private const string Plan = "(plan beside -o)";

    private static readonly OutputCase[] Cases =
    [
        new("convert", "--output", Kind.Package, (p, t) => ["convert", p.Model, "-o", t]),
        new("convert", "--json", Kind.File, (p, t) => ["convert", p.Model, "-o", Path.Combine(p.Scratch, "c.mlpackage"), "--json", t]),
        new("convert", "--report", Kind.File, (p, t) => ["convert", p.Model, "-o", Path.Combine(p.Scratch, "a.mlpackage"), "--precision", "auto", "--samples", "1", "--report", t]),
        new("convert", Plan, Kind.File, (p, t) => ["convert", p.Model, "-o", PackageFor(t), "--precision", "auto", "--samples", "1"]),
        new("run", "--output", Kind.Folder, (p, t) => ["run", p.Model, "-o", t]),
        new("run", "--json", Kind.File, (p, t) => ["run", p.Model, "-o", Path.Combine(p.Scratch, "r"), "--force", "--json", t]),
        new("inspect", "--json", Kind.File, (p, t) => ["inspect", p.Model, "--json", t]),
        new("demo", "--json", Kind.File, (p, t) => ["demo", "--dir", Path.Combine(p.Scratch, "demo"), "--json", t]),
        new("compare", "--json", Kind.File, (p, t) => ["compare", p.Model, p.Package, "--json", t]),
        new("compare", "--report", Kind.File, (p, t) => ["compare", p.Model, p.Package, "--report", t]),
        new("debug-precision", "--output", Kind.Package, (p, t) => ["debug-precision", p.Model, "--samples", "1", "-o", t]),
        new("debug-precision", "--json", Kind.File, (p, t) => ["debug-precision", p.Model, "--samples", "1", "--json", t]),
        new("debug-precision", "--report", Kind.File, (p, t) => ["debug-precision", p.Model, "--samples", "1", "--report", t]),
        new("debug-precision", Plan, Kind.File, (p, t) => ["debug-precision", p.Model, "--samples", "1", "-o", PackageFor(t)]),
        new("conformance", "--json", Kind.File, (p, t) => ["conformance", p.TestsFolder, "--json", t]),
        new("conformance", "--write-known-failures", Kind.File, (p, t) => ["conformance", p.TestsFolder, "--write-known-failures", t]),
        new("conformance", "--supported-ops", Kind.File, (p, t) => ["conformance", p.TestsFolder, "--supported-ops", t]),
        new("demo", "--dir", Kind.Folder, (p, t) => ["demo", "--dir", t]),
    ];

    /// <summary>For plan cases: the package whose plan is <paramref name="planPath"/> (NAME.plan.json beside NAME.mlpackage).</summary>
    private static string PackageFor(string planPath) =>
        Path.Combine(Path.GetDirectoryName(planPath)!, Path.GetFileName(planPath).Replace(".plan.json", "") + ".mlpackage");

    public static TheoryData<string, string> AllCases() => [.. Cases.Select(c => (c.Verb, c.Option))];

    [GeneratedRegex(@"\bwrite\b", RegexOptions.IgnoreCase)]
    private static partial Regex Writes();

    [Fact]
    public void EveryOutputOptionOfEveryVerbIsWalked()
    {
        var root = CliApp.Build(TextWriter.Null, TextWriter.Null);
        var outputs = root.Subcommands
            .SelectMany(verb => verb.Options.Where(o => o.Name is "--output" or "--dir" || Writes().IsMatch(o.Description ?? "")).Select(o => (verb.Name, o.Name)))
            .Order().ToList();
        Assert.NotEmpty(outputs);
        Assert.Equal(outputs, Cases.Where(c => c.Option != Plan).Select(c => (c.Verb, c.Option)).Order());
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void ABadOutputPathIsACodedUserError(string verb, string option)
    {
        var c = Cases.Single(x => x.Verb == verb && x.Option == option);
        using var temp = new TempFolder();
        var paths = Inputs(temp);
        var ext = c.Kind == Kind.Package ? ".mlpackage" : c.Option == Plan ? ".plan.json" : c.Kind == Kind.File ? ".out" : "";
        File.WriteAllText(temp["afile"], "precious");

        // A path under a file cannot be created by anyone, root included; a missing folder is not created for files.
        foreach (var unwritable in new[] { Path.Combine(temp["afile"], "x" + ext), Path.Combine(temp["missing"], "x" + ext) })
        {
            AssertUserError(c, paths, unwritable, temp);
        }
        Assert.Equal("precious", File.ReadAllText(temp["afile"]));

        if (c.Kind is Kind.File or Kind.Package)
        {
            // A folder of the user's own at a file or package target.
            var folder = temp["users" + ext];
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "mine.txt"), "mine");
            AssertUserError(c, paths, folder, temp);
            Assert.Equal("mine", File.ReadAllText(Path.Combine(folder, "mine.txt")));
        }
        if (c.Kind is Kind.Package or Kind.Folder)
        {
            // A file at a folder or package target.
            var file = temp["afile" + ext];
            File.WriteAllText(file, "precious");
            AssertUserError(c, paths, file, temp);
            Assert.Equal("precious", File.ReadAllText(file));
        }
        if (c.Kind == Kind.File)
        {
            // Replacing an existing file is a report's contract: it is replaced whole, and nothing is left beside it.
            var file = temp["report" + ext];
            File.WriteAllText(file, "an older report");
            var r = CliRunner.Run(c.Args(paths, file));
            Assert.True(r.Exit is 0 or 1 or 2, $"{verb} {option} onto an existing file: exit {r.Exit}\n{r.Err}");
            Assert.NotEqual("an older report", File.ReadAllText(file));
            Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(temp.Path), e => Path.GetFileName(e).StartsWith(".report", StringComparison.Ordinal));
        }
    }

    private static void AssertUserError(OutputCase c, Paths paths, string target, TempFolder temp)
    {
        var before = Directory.EnumerateFileSystemEntries(temp.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var r = CliRunner.Run(c.Args(paths, target));
        var what = $"{c.Verb} {c.Option} → {Path.GetRelativePath(temp.Path, target)}";
        Assert.True(r.Exit == 3, $"{what}: exit {r.Exit}\n{r.Err}");
        Assert.Matches(@"error [A-Z]{3}\d{4}: ", r.Err);
        Assert.DoesNotContain("internal error", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
        var after = Directory.EnumerateFileSystemEntries(temp.Path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.True(before.SequenceEqual(after), $"{what}: the refusal changed the folder: {string.Join(", ", after.Except(before).Concat(before.Except(after)))}");
    }

    private static Paths Inputs(TempFolder temp)
    {
        var model = OutputSafetyTests.ReluModel(temp);
        Directory.CreateDirectory(temp["inputs"]);
        var package = Path.Combine(temp["inputs"], "m.mlpackage");
        var convert = CliRunner.Run("convert", model, "-o", package);
        Assert.True(convert.Exit == 0, convert.Err);
        Directory.CreateDirectory(temp["conformance"]);
        Directory.CreateDirectory(temp["scratch"]);
        Assert.True(PackageIsValid(package));
        return new Paths(model, package, temp["conformance"], temp["scratch"]);
    }

    private static bool PackageIsValid(string package) => MlPackageReader.Read(package).Outputs.Count == 1;
}
