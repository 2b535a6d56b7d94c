using MilForge.Mil;
using MilForge.Mil.Passes.Fp16;

namespace MilForge.Precision;

/// <summary>Compute precision of a conversion.</summary>
public enum ComputePrecision
{
    /// <summary>FP16 compute (coremltools' default for ML Programs).</summary>
    Fp16,

    /// <summary>FP32 everywhere.</summary>
    Fp32,
}

/// <summary>Options of <see cref="OnnxConversion.Convert"/>.</summary>
public sealed record ConversionOptions
{
    /// <summary>The deployment target.</summary>
    public DeploymentTarget Target { get; init; } = DeploymentTarget.iOS16;

    /// <summary>FP16 (default) or FP32.</summary>
    public ComputePrecision Precision { get; init; } = ComputePrecision.Fp16;

    /// <summary>fp16 model I/O; null picks coremltools' default (fp16 from iOS16, fp32 on iOS15).</summary>
    public bool? Fp16IO { get; init; }

    /// <summary>What to do with constants that overflow FP16.</summary>
    public WeightOverflowAction OnWeightOverflow { get; init; } = WeightOverflowAction.Auto;

    /// <summary>Ops to keep in FP32 (from --fp32-ops and --precision-plan).</summary>
    public Func<Operation, bool>? KeepFp32 { get; init; }

    /// <summary>Graph inputs with values known at conversion time.</summary>
    public IReadOnlyDictionary<string, Numerics.Tensor>? KnownInputs { get; init; }

    /// <summary>Fixed shapes for graph inputs with symbolic dims, by ONNX name (see <see cref="Onnx.Import.ImportOptions.InputShapes"/>).</summary>
    public IReadOnlyDictionary<string, long[]>? InputShapes { get; init; }

    /// <summary>The I/O type actually used.</summary>
    public bool EffectiveFp16IO => Precision == ComputePrecision.Fp16 && (Fp16IO ?? Target >= DeploymentTarget.iOS16);
}
