using System.CommandLine;
using System.Text.Json.Nodes;
using MilForge.CoreML.Package;
using MilForge.Numerics;
using MilForge.Numerics.Io;
using MilForge.Onnx.Reading;
using MilForge.Precision;
using MilForge.Precision.Comparison;
using MilForge.Precision.Debugging;
using MilForge.Precision.Inputs;
using MilForge.Precision.Search;
using MilForge.Runtime;

namespace MilForge.Cli.Commands;

/// <summary>What <c>debug-precision</c> and <c>convert --precision auto</c> share: loading the subject, samples, the search.</summary>
internal static class PrecisionTools
{
    public static Option<string[]> InputsOption() => new("--inputs")
    {
        Description = "A folder of input_K.pb / NAME.npy, or a folder of such sample folders (test_data_set_0, ...); repeatable. Every sample is used.",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    public static Option<int> SamplesOption() => new("--samples")
    {
        Description = "Seeded random samples to use when no --inputs is given (default 2; seeds --seed, --seed+1, ...).",
        DefaultValueFactory = _ => 2,
    };

    public static Option<int> BudgetOption() => new("--budget")
    {
        Description = "The most evaluations the mixed-precision search may use (each runs every sample).",
        DefaultValueFactory = _ => 64,
    };

    public static PrecisionSubject LoadSubject(string path, ConversionOptions options, InputOverrides overrides)
    {
        if (path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            var onnx = OnnxModel.Load(path);
            return PrecisionSubject.FromOnnx(onnx, InputOverrideOptions.Apply(options, overrides, OnnxConversion.InputSignatures(onnx), path));
        }
        var subject = PrecisionSubject.FromPackage(MlPackageReader.Read(path).Program);
        overrides.Validate(subject.Inputs, path);
        return subject;
    }

    /// <summary>
    /// The samples: every sample of the <c>--inputs</c> folders, or <paramref name="count"/> seeded samples generated
    /// for the FP32 program's inputs (embedding indices within the table, ones for masks); printed with the reasons.
    /// </summary>
    public static InputSet Samples(PrecisionSubject subject, string[]? folders, int count, int seed, TextWriter output, InputOverrides overrides,
        TextWriter? error = null)
    {
        var set = CommandInputs.Resolve(folders, subject.Inputs, output, overrides, subject.Fp32, count, seed, error);
        if (set.Choices.Any(c => c.Source == InputSource.Generated))
        {
            output.WriteLine("  Real inputs give better plans: --inputs DIR takes a sample folder or a folder of them (test_data_set_0, ...).");
        }
        return set;
    }

    public static DebugReport Debug(PrecisionSubject subject, IReadOnlyList<IReadOnlyDictionary<string, Tensor>> samples, PrecisionPolicy policy,
        OutputTolerances? tolerances = null) =>
        new PrecisionDebugger(new DebugOptions { Policy = policy, Tolerances = tolerances ?? new DebugOptions().Tolerances })
            .Run(subject.Fp32, subject.Shipped.Program, subject.Shipped.Fp32Names, samples);

    public static SearchResult Search(PrecisionSubject subject, IReadOnlyList<IReadOnlyDictionary<string, Tensor>> samples, DebugReport stats,
        PrecisionPolicy policy, int budget, OutputTolerances tolerances) =>
        new MixedPrecisionSearch(subject, samples, new SearchOptions { Policy = policy, Budget = budget, Tolerances = tolerances }).Run(stats);

    /// <summary>The tolerance options of debug-precision and convert --precision auto: compare's, with FP16-sized defaults (atol and rtol 1e-2).</summary>
    public static Option<string[]>[] ToleranceOptions() => CompareTolerances.Options(Fp16Tolerance, Fp16Tolerance);

    /// <summary>The tolerance options as written (their syntax checked; output names are checked once the model is loaded).</summary>
    public static CompareTolerances ParseTolerances(ParseResult parse, Option<string[]>[] options) =>
        CompareTolerances.Parse(parse, options, Fp16Tolerance, Fp16Tolerance);

    /// <summary>The criteria of every output of the subject, validated against its output names.</summary>
    public static OutputTolerances Tolerances(CompareTolerances tolerances, PrecisionSubject subject) =>
        tolerances.Resolve([.. subject.Fp32.Main.Body.Outputs.Select(o => o.Name)]);

    /// <summary>One line per output: the criterion it is held to (for the auto and debug JSON reports).</summary>
    public static JsonArray CriteriaJson(OutputTolerances tolerances, PrecisionSubject subject) =>
        [.. subject.Fp32.Main.Body.Outputs.Select(o => (JsonNode)Precision.Reports.CompareReportJson.Tolerance(o.Name, tolerances.For(o.Name)))];

    private const double Fp16Tolerance = 1e-2;

    /// <summary>The plan file the search writes beside <paramref name="package"/>: <c>NAME.plan.json</c>.</summary>
    public static string PlanPath(string package) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(package.TrimEnd('/', '\\')))!, Path.GetFileNameWithoutExtension(package.TrimEnd('/', '\\')) + ".plan.json");

    /// <summary>Writes the searched package and its plan (<c>NAME.plan.json</c> beside it); returns the plan path.</summary>
    public static string WriteResult(SearchResult result, string package, string source, bool force = false)
    {
        MlPackageWriter.Write(result.Build.Program, package, new PackageOptions
        {
            Metadata = new Dictionary<string, string>
            {
                ["com.milforge.source"] = Path.GetFileName(source),
                ["com.milforge.version"] = typeof(PrecisionTools).Assembly.GetName().Version?.ToString(3) ?? "0",
                ["com.milforge.compute_precision"] = "auto (mixed)",
            },
            Force = force,
        });
        var planPath = PlanPath(package);
        AtomicFile.WriteAllText(planPath, result.Plan.ToJson());
        return planPath;
    }

    public static void PrintSearch(SearchResult result, TextWriter output)
    {
        output.WriteLine($"Mixed precision: {result.Kept.Count} op(s) kept in FP32, {result.OpsFp16Share:P1} of ops and {result.FlopsFp16Share:P1} of FLOPs in FP16, " +
            $"{result.CastsAdded} cast(s); {result.Evaluations} evaluation(s); {(result.Verified ? "verified" : "NOT verified")}.");
        foreach (var line in TradeOffTable.Lines(result))
        {
            output.WriteLine("  " + line);
        }
        if (result.Left is not null)
        {
            output.WriteLine($"  Left undone: {result.Left}.");
        }
        foreach (var k in result.Kept)
        {
            output.WriteLine($"  FP32: {k.Op} ({k.OpType}) [{k.Origin}] — {k.Evidence}");
        }
    }

    public static string Describe(OpStatistics o) =>
        $"{o.Name} ({o.OpType}) [{o.Origin}]: {o.Status}" + (o.FirstNonFiniteSample is { } s ? $" first in sample {s}" : "") +
        $"; FP32 |max| {o.AbsMax:G4}, headroom {Headroom(o.Headroom)}";

    public static string Headroom(double h) => double.IsPositiveInfinity(h) ? "∞" : h.ToString("0.0#", System.Globalization.CultureInfo.InvariantCulture);
}
