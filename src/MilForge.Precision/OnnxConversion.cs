using MilForge.Mil;
using MilForge.Numerics;
using MilForge.Onnx.Import;
using MilForge.Onnx.Reading;
using MilForge.Runtime;

namespace MilForge.Precision;

/// <summary>ONNX → MIL with constant folding by the runtime's kernels, and the ONNX model's input/output signatures.</summary>
public static class OnnxConversion
{
    /// <summary>Imports a model for a target, folding constant subgraphs with the interpreter's kernels.</summary>
    public static ImportResult Import(OnnxModel model, DeploymentTarget target = DeploymentTarget.iOS16,
        IReadOnlyDictionary<string, Numerics.Tensor>? knownInputs = null, IReadOnlyDictionary<string, long[]>? inputShapes = null) =>
        new OnnxImporter(new ImportOptions
        {
            Target = target,
            Folder = new KernelConstantFolder(),
            KnownInputs = knownInputs ?? new Dictionary<string, Numerics.Tensor>(),
            InputShapes = inputShapes ?? new Dictionary<string, long[]>(),
        }).Import(model);

    /// <summary>
    /// Imports and, for FP16, runs the FP16 pass. FP16 I/O on iOS15 is an error (Core ML allows it from iOS16).
    /// </summary>
    public static ConversionResult Convert(OnnxModel model, ConversionOptions options)
    {
        if (options.Precision == ComputePrecision.Fp16 && options.Fp16IO == true && options.Target < DeploymentTarget.iOS16)
        {
            throw new Diagnostics.DiagnosticException(Diagnostics.DiagnosticCodes.CliUsage,
                $"fp16 model inputs and outputs need iOS16 or later; the target is {options.Target}. Use --io-dtype fp32 or a later --target.");
        }
        var import = Import(model, options.Target, options.KnownInputs, options.InputShapes);
        Mil.Passes.Fp16.Fp16Report? report = null;
        if (options.Precision == ComputePrecision.Fp16)
        {
            var pass = new Mil.Passes.Fp16.Fp16ComputePass(new Mil.Passes.Fp16.Fp16Options
            {
                Fp16IO = options.EffectiveFp16IO,
                OnWeightOverflow = options.OnWeightOverflow,
                KeepFp32 = options.KeepFp32,
            });
            pass.Run(import.Program);
            report = pass.Report;
        }
        return new ConversionResult(import, report, Mil.Passes.Fp16.PrecisionSummary.Of(import.Program));
    }

    /// <summary>The graph inputs that are not initializers, with their ONNX element types.</summary>
    public static IReadOnlyList<TensorSignature> InputSignatures(OnnxModel model) => model.InputSignatures();

    /// <summary>The graph outputs with their ONNX element types.</summary>
    public static IReadOnlyList<TensorSignature> OutputSignatures(OnnxModel model) => model.OutputSignatures();
}
