using System.CommandLine;
using MilForge.CoreML.Package;
using MilForge.Numerics.Io;

namespace MilForge.Cli.Commands;

/// <summary>
/// What the verbs share about their outputs: the <c>--force</c> option and the checks every output path passes
/// before any long work starts (a bad path fails in a second, not after the search).
/// </summary>
internal static class OutputOptions
{
    public static Option<bool> Force() => new("--force")
    {
        Description = "Replace what is at the output path even when it is not something MilForge wrote (a folder that is not a Core ML package, a file, existing output files).",
    };

    /// <summary>Checks the report and plan files that will be written (null entries are options not given).</summary>
    public static void CheckFiles(params string?[] paths)
    {
        foreach (var path in paths)
        {
            if (path is not null)
            {
                AtomicFile.Check(path);
            }
        }
    }

    /// <summary>Checks a package target and the plan file beside it (written by the mixed-precision search).</summary>
    public static void CheckPackage(string package, bool force, bool withPlan)
    {
        MlPackageWriter.CheckTarget(package, new PackageOptions { Force = force });
        if (withPlan)
        {
            AtomicFile.Check(PrecisionTools.PlanPath(package));
        }
    }
}
