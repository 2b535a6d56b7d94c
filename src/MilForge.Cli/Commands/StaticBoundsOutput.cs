using System.Globalization;
using MilForge.Diagnostics;
using MilForge.Numerics.Io;
using MilForge.Precision;
using MilForge.Precision.Inputs;
using MilForge.Precision.Reports;
using MilForge.Precision.Static;

namespace MilForge.Cli.Commands;

/// <summary>
/// <c>debug-precision MODEL --static</c>: intervals through every op of the FP32 program from the input ranges, no
/// data run. Exit 2 when some op's bound passes 65504 (FP16 overflow not excluded), 1 when values may only fall below
/// FP16's normal range, 0 when every bound fits FP16.
/// </summary>
internal static class StaticBoundsOutput
{
    public static int Run(string path, InputOverrides overrides, string? jsonPath, string? htmlPath, bool searching, CliIo io)
    {
        var output = io.Output;
        if (searching)
        {
            throw new DiagnosticException(DiagnosticCodes.CliUsage, "--static runs no data, so it cannot search a plan: drop -o, or drop --static.");
        }
        var subject = PrecisionTools.LoadSubject(path, new ConversionOptions(), overrides);
        var report = new StaticBoundAnalyzer().Analyze(subject.Fp32, overrides);
        Print(path, report, output);
        io.WriteJson(jsonPath, () => StaticReportJson.Write(path, report));
        if (htmlPath is not null)
        {
            AtomicFile.WriteAllText(htmlPath, StaticHtmlReport.Write(path, report));
            output.WriteLine($"Wrote {htmlPath}");
        }
        return report.MayOverflow ? ExitCodes.NonFinite : report.Findings.Count > 0 ? ExitCodes.Differ : ExitCodes.Ok;
    }

    private static void Print(string path, StaticReport report, TextWriter output)
    {
        output.WriteLine($"Static bounds of {path}: intervals through {report.Ops.Count} op output(s) of the FP32 program, from the input ranges alone (no data run)");
        foreach (var i in report.Inputs)
        {
            output.WriteLine($"  input {i.Name}: {i.Range}" + (i.Assumed ? " — ASSUMED (no --input-range: the generated-input default; the bounds hold only for inputs in it)" : " (given)"));
        }
        var findings = report.Findings;
        output.WriteLine(findings.Count == 0
            ? "No FP16 risk: every op's bound lies within ±65504 and holds no non-zero value below FP16's normal range (6.1e-5)."
            : $"FP16 risks, in program order ({findings.Count} op output(s)):");
        foreach (var o in findings)
        {
            output.WriteLine($"  {Label(o.Risk),-13} {Describe(o)}");
        }
        var unsound = report.Unsound.ToList();
        output.WriteLine(unsound.Count == 0
            ? "Soundness: every bound is proven (sound for inputs in the ranges above)."
            : $"Soundness breaks at {unsound.Count} op(s); their bounds (and bounds computed from them) are not guaranteed or are unbounded:");
        foreach (var o in unsound)
        {
            output.WriteLine($"  {o.Name} ({o.OpType}) [{o.Origin}]: {o.Bound.Kind.ToString().ToLowerInvariant()} — {o.Note}");
        }
    }

    private static string Label(Fp16Risk risk) => risk switch
    {
        Fp16Risk.Overflow => "overflow",
        Fp16Risk.FlushToZero => "flush-to-zero",
        _ => "subnormal",
    };

    private static string Describe(OpBound o)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{o.Name} ({o.OpType}) [{o.Origin}]: {o.Bound.Range} {o.Bound.Kind.ToString().ToLowerInvariant()}");
        return !o.Bound.Range.IsFinite && o.Bound.UnboundedBy is { } by ? text + (by == o.Name ? ", unbounded here" : $", unbounded since {by}") : text;
    }
}
