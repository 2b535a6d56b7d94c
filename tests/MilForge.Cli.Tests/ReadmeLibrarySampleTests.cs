namespace MilForge.Cli.Tests;

/// <summary>The README's library section is the library sample that CI builds against the packed packages.</summary>
public class ReadmeLibrarySampleTests
{
    [Fact]
    public void TheReadmesLibraryBlockIsTheSampleProgram()
    {
        var root = SharedData.RepositoryRoot;
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var sample = File.ReadAllText(Path.Combine(root, "samples", "LibraryUsage", "Program.cs")).ReplaceLineEndings("\n");
        var section = readme[readme.IndexOf("## Library API", StringComparison.Ordinal)..];
        var start = section.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var block = section[start..section.IndexOf("```\n", start, StringComparison.Ordinal)];
        Assert.Equal(sample, block);
    }
}
