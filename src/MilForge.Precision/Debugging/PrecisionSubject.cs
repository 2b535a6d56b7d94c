using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Mil.Passes;
using MilForge.Mil.Passes.Fp16;
using MilForge.Numerics;
using MilForge.Onnx.Reading;

namespace MilForge.Precision.Debugging;

/// <summary>An FP16 program built from the FP32 reference, with the names that pair its values with the reference's.</summary>
/// <param name="Program">The FP16 (or mixed) program.</param>
/// <param name="Fp32Names">FP16 value name → FP32 value name (identity when absent).</param>
/// <param name="Report">The FP16 pass's report, when the pass built it.</param>
public sealed record Fp16Build(MilProgram Program, IReadOnlyDictionary<string, string> Fp32Names, Fp16Report? Report);

/// <summary>
/// What the precision tools work on: the FP32 reference program, the FP16 program as it would ship, and a way to
/// build FP16 programs that keep chosen ops (by FP32 op name) in FP32. From an ONNX model both come from the
/// converter; from a package, the package is one side and the other is derived (an FP16 package is widened to its
/// FP32 reference; an FP32 package gets the FP16 pass).
/// </summary>
public sealed class PrecisionSubject
{
    private readonly Fp16Options _options;

    private PrecisionSubject(MilProgram fp32, Fp16Build shipped, Fp16Options options, IReadOnlyList<Diagnostic>? importDiagnostics = null)
    {
        Fp32 = fp32;
        Shipped = shipped;
        _options = options;
        ImportDiagnostics = importDiagnostics ?? [];
    }

    /// <summary>The ONNX import's notes (empty for packages).</summary>
    public IReadOnlyList<Diagnostic> ImportDiagnostics { get; }

    /// <summary>The FP32 reference.</summary>
    public MilProgram Fp32 { get; }

    /// <summary>The FP16 program as converted (or as packaged).</summary>
    public Fp16Build Shipped { get; }

    /// <summary>The FP32 program's function inputs, as sample signatures.</summary>
    public IReadOnlyList<TensorSignature> Inputs => [.. Fp32.Main.Inputs.Select(i => new TensorSignature(i.Name, i.DataType, i.Shape))];

    /// <summary>Builds the FP16 program that keeps the named ops (FP32 op names) in FP32.</summary>
    public Fp16Build Build(IReadOnlySet<string> keepFp32)
    {
        var copy = new ProgramCloner().Clone(Fp32);
        var pass = new Fp16ComputePass(_options with
        {
            KeepFp32 = keepFp32.Count == 0 ? _options.KeepFp32 : op => keepFp32.Contains(op.Name) || (_options.KeepFp32?.Invoke(op) ?? false),
        });
        pass.Run(copy);
        return new Fp16Build(copy, pass.Report.OriginalNames, pass.Report);
    }

    /// <summary>The subject of an ONNX model converted with <paramref name="options"/> (its FP16 settings; precision is ignored).</summary>
    public static PrecisionSubject FromOnnx(OnnxModel model, ConversionOptions options)
    {
        var fp16 = options with { Precision = ComputePrecision.Fp16 };
        if (fp16.Fp16IO == true && fp16.Target < DeploymentTarget.iOS16)
        {
            throw new DiagnosticException(DiagnosticCodes.CliUsage,
                $"fp16 model inputs and outputs need iOS16 or later; the target is {fp16.Target}. Use --io-dtype fp32 or a later --target.");
        }
        var conversion = OnnxConversion.Convert(model, options with { Precision = ComputePrecision.Fp32 });
        var fp32 = conversion.Program;
        var fp16Options = new Fp16Options
        {
            Fp16IO = fp16.EffectiveFp16IO,
            OnWeightOverflow = options.OnWeightOverflow,
            KeepFp32 = options.KeepFp32,
        };
        var subject = new PrecisionSubject(fp32, null!, fp16Options);
        return new PrecisionSubject(fp32, subject.Build(new HashSet<string>()), fp16Options, [.. conversion.Diagnostics]);
    }

    /// <summary>The subject of a package: FP16 packages are compared with their widened FP32 copy.</summary>
    public static PrecisionSubject FromPackage(MilProgram package)
    {
        var options = new Fp16Options { Fp16IO = package.Main.Inputs.Any(i => i.Type is TensorType { DataType: DataType.Float16 }) || package.Main.Target >= DeploymentTarget.iOS16 };
        if (PrecisionSummary.Of(package).Fp16Ops == 0)
        {
            var subject = new PrecisionSubject(package, null!, options);
            return new PrecisionSubject(package, subject.Build(new HashSet<string>()), options);
        }
        var fp32 = new ProgramCloner { WidenFp16 = true }.Clone(package);
        new CastOptimizationPass().Run(fp32);
        return new PrecisionSubject(fp32, new Fp16Build(package, new Dictionary<string, string>(), null), options);
    }
}
