namespace MilForge.TestKit;

/// <summary>
/// Locates the shared data folder (<c>../shared</c> beside the repository, or <c>MILFORGE_SHARED</c>). Tests that need
/// it have "Shared" in their name and call <see cref="Require"/>, which skips them with a visible reason in a clone
/// that has no shared folder.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> RootPath = new(Find);

    /// <summary>The shared folder, or null when absent.</summary>
    public static string? Root => RootPath.Value;

    /// <summary>The repository root (the folder holding MilForge.slnx).</summary>
    public static string RepositoryRoot { get; } = FindRepository();

    /// <summary>The shared folder, or skips the calling test when it is absent.</summary>
    public static string Require()
    {
        if (Root is null)
        {
            Assert.Skip("needs ../shared (fixtures and ONNX backend tests) beside the repository, or MILFORGE_SHARED; not present in this clone");
        }
        return Root!;
    }

    /// <summary>A path inside the shared folder (skips when absent).</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Require(), .. parts]);

    /// <summary>The coremltools fixture names.</summary>
    public static IEnumerable<string> FixtureNames => ["mlp", "cnn", "mobilenet_v2", "transformer_encoder", "overflow", "weights_overflow", "mask_sentinel"];

    /// <summary>
    /// (fixture, package folder) for every package matching <paramref name="searchPattern"/> in the coremltools
    /// fixtures, in a stable order; without the shared folder, the one placeholder row (mlp, <paramref name="placeholder"/>)
    /// so the theory still shows up, and skips with its reason.
    /// </summary>
    public static TheoryData<string, string> FixturePackages(string searchPattern, string placeholder)
    {
        var data = new TheoryData<string, string>();
        if (Root is null)
        {
            data.Add("mlp", placeholder);
            return data;
        }
        foreach (var fixture in FixtureNames)
        {
            foreach (var package in Directory.GetDirectories(System.IO.Path.Combine(Root, "fixtures", "coremltools", fixture), searchPattern).Order(StringComparer.Ordinal))
            {
                data.Add(fixture, System.IO.Path.GetFileName(package));
            }
        }
        return data;
    }

    private static string? Find()
    {
        var fromEnv = Environment.GetEnvironmentVariable("MILFORGE_SHARED");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv))
        {
            return fromEnv;
        }
        var candidate = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(RepositoryRoot)!, "shared");
        return Directory.Exists(System.IO.Path.Combine(candidate, "fixtures")) ? candidate : null;
    }

    private static string FindRepository()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "MilForge.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find MilForge.slnx above " + AppContext.BaseDirectory);
    }
}
