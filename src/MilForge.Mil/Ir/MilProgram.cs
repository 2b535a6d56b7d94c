namespace MilForge.Mil;

/// <summary>A MIL program: named functions (normally just <c>main</c>) and string attributes (build info).</summary>
public sealed class MilProgram
{
    /// <summary>The functions by name, sorted by name so that output is deterministic.</summary>
    public IDictionary<string, Function> Functions { get; } = new SortedDictionary<string, Function>(StringComparer.Ordinal);

    /// <summary>Free-form key/value build information written into <c>Program.attributes["buildInfo"]</c>.</summary>
    public IDictionary<string, string> BuildInfo { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The <c>main</c> function.</summary>
    public Function Main => Functions.TryGetValue("main", out var f) ? f
        : throw new InvalidOperationException("The program has no 'main' function.");

    /// <summary>Creates a program with one empty <c>main</c> function.</summary>
    public static MilProgram WithMain(DeploymentTarget target)
    {
        var program = new MilProgram();
        program.Functions["main"] = new Function("main", target);
        return program;
    }
}
