namespace MilForge.Benchmarks;

/// <summary>
/// The shared data folder (fixtures), as the tests find it: <c>MILFORGE_SHARED</c>, else <c>../shared</c> beside the
/// repository. Benchmarks on fixture models are left out when it is absent.
/// </summary>
internal static class SharedFolder
{
    private static readonly Lazy<string?> RootPath = new(Find);

    public static string? Root => RootPath.Value;

    /// <summary>The folder of a coremltools fixture, or null when the shared folder or the fixture is absent.</summary>
    public static string? Fixture(string name)
    {
        var path = Root is null ? null : Path.Combine(Root, "fixtures", "coremltools", name);
        return path is not null && File.Exists(Path.Combine(path, "model.onnx")) ? path : null;
    }

    private static string? Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable("MILFORGE_SHARED");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv))
        {
            return fromEnv;
        }
        // BenchmarkDotNet runs each benchmark from a generated folder below bin/, so walk up to the repository.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MilForge.slnx")))
            {
                var candidate = Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared");
                return Directory.Exists(Path.Combine(candidate, "fixtures")) ? candidate : null;
            }
        }
        return null;
    }
}
