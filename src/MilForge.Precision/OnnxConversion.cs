using MilForge.Mil;
using MilForge.Onnx.Import;
using MilForge.Onnx.Reading;
using MilForge.Numerics;
using MilForge.Runtime;

namespace MilForge.Precision;

/// <summary>ONNX → MIL with constant folding by the runtime's kernels, and the ONNX model's input/output signatures.</summary>
public static class OnnxConversion
{
    /// <summary>Imports a model for a target, folding constant subgraphs with the interpreter's kernels.</summary>
    public static ImportResult Import(OnnxModel model, DeploymentTarget target = DeploymentTarget.iOS16,
        IReadOnlyDictionary<string, Numerics.Tensor>? knownInputs = null) =>
        new OnnxImporter(new ImportOptions
        {
            Target = target,
            Folder = new KernelConstantFolder(),
            KnownInputs = knownInputs ?? new Dictionary<string, Numerics.Tensor>(),
        }).Import(model);

    /// <summary>The graph inputs that are not initializers, with their ONNX element types.</summary>
    public static IReadOnlyList<TensorSignature> InputSignatures(OnnxModel model) => model.InputSignatures();

    /// <summary>The graph outputs with their ONNX element types.</summary>
    public static IReadOnlyList<TensorSignature> OutputSignatures(OnnxModel model) => model.OutputSignatures();
}
