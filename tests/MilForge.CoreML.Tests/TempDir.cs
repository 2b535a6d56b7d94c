namespace MilForge.CoreML.Tests;

/// <summary>A fresh empty folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "milforge-tests", Guid.NewGuid().ToString("N"));

    public string this[string relative] => System.IO.Path.Combine(Path, relative);

    /// <summary>Every file and folder below the folder, relative and sorted, folders ending in '/'.</summary>
    public static List<string> Entries(string root) =>
    [
        .. Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(e => System.IO.Path.GetRelativePath(root, e).Replace('\\', '/') + (Directory.Exists(e) ? "/" : ""))
            .Order(StringComparer.Ordinal),
    ];

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            foreach (var d in Directory.EnumerateDirectories(Path, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(d, FileAttributes.Normal);
            }
            Directory.Delete(Path, recursive: true);
        }
    }
}
