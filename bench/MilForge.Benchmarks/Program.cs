using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace MilForge.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/MilForge.Benchmarks -- [--quick] [BenchmarkDotNet arguments]</c>.
/// <c>--quick</c> runs every benchmark (or those given by <c>--filter</c>) with BenchmarkDotNet's short job (one
/// launch, three warm-up and three measured iterations) inside this process, so nothing is rebuilt; without it
/// BenchmarkDotNet's arguments apply unchanged and each benchmark runs in a generated, freshly built process
/// (the build of the whole solution is given up to 15 minutes). <c>--profile MODEL [RUNS]</c> prints the interpreter's
/// time by op type instead (see <see cref="Profile"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["--profile", var model, ..])
        {
            return Profile.Run(model, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
        }
        var quick = args.Contains("--quick", StringComparer.Ordinal);
        var rest = args.Where(a => a != "--quick").ToList();
        IConfig config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(15));
        if (quick)
        {
            config = config.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
            if (!rest.Any(a => a is "--filter" or "-f"))
            {
                rest.AddRange(["--filter", "*"]);
            }
        }
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. rest], config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
