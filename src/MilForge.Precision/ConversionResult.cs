using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Mil.Passes.Fp16;
using MilForge.Onnx.Import;

namespace MilForge.Precision;

/// <summary>The outcome of a conversion.</summary>
/// <param name="Import">The import (program, name mappings, notes).</param>
/// <param name="Fp16">The FP16 pass's report; null for FP32 conversions.</param>
/// <param name="Summary">Ops in FP16 / FP32 / casts.</param>
public sealed record ConversionResult(ImportResult Import, Fp16Report? Fp16, PrecisionSummary Summary)
{
    /// <summary>The converted program.</summary>
    public MilProgram Program => Import.Program;

    /// <summary>All diagnostics: import notes, then FP16 overflow and underflow reports.</summary>
    public IEnumerable<Diagnostic> Diagnostics => Import.Diagnostics.Concat(Fp16?.Diagnostics() ?? []);
}
