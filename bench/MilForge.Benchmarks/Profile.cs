using MilForge.Precision;
using MilForge.Runtime.Profiling;

namespace MilForge.Benchmarks;

/// <summary>
/// <c>--profile MODEL [RUNS]</c>: runs a benchmark model's FP32 and FP16 conversions through the interpreter with an
/// <see cref="OpTimingListener"/> and prints where the time goes, by op type. A guide for optimisation, not a benchmark.
/// </summary>
internal static class Profile
{
    public static int Run(string model, int runs)
    {
        var (onnx, _, inputs) = BenchmarkModels.Load(model);
        foreach (var precision in new[] { ComputePrecision.Fp32, ComputePrecision.Fp16 })
        {
            var conversion = OnnxConversion.Convert(onnx, new ConversionOptions { Precision = precision });
            var program = new InterpreterCase(conversion.Program, conversion.Import.InputNames.ToDictionary(m => m.Value, m => inputs[m.Key]));
            program.Run(Engines.Fp32Accumulate);
            var timing = new OpTimingListener();
            var options = Engines.Fp32Accumulate with { Listener = timing };
            var (pauseBefore, allocatedBefore) = (GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            for (var i = 0; i < runs; i++)
            {
                program.Run(options);
            }
            var wall = System.Diagnostics.Stopwatch.GetElapsedTime(started) / runs;
            var pause = (GC.GetTotalPauseDuration() - pauseBefore) / runs;
            var allocated = (GC.GetTotalAllocatedBytes() - allocatedBefore) / runs;
            Console.WriteLine($"{model} {precision}: {wall.TotalMilliseconds:F2} ms per run ({(timing.Total / runs).TotalMilliseconds:F2} ms in ops, " +
                $"{pause.TotalMilliseconds:F2} ms GC pauses, {allocated / 1e6:F1} MB allocated)");
            foreach (var t in timing.ByType)
            {
                Console.WriteLine($"  {t.OpType,-28} {(t.Elapsed / runs).TotalMilliseconds,9:F3} ms  {t.Calls / runs,5} ops  {100 * t.Elapsed / timing.Total,5:F1}%");
            }
            Console.WriteLine("  slowest ops:");
            foreach (var (op, elapsed) in timing.ByOp.Take(12))
            {
                Console.WriteLine($"  {op.Type} {op.Name,-36} {op.Outputs[0].Type,-28} {(elapsed / runs).TotalMilliseconds,9:F3} ms");
            }
        }
        return 0;
    }
}
