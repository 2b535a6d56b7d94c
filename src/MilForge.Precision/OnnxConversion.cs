using MilForge.Mil;
using MilForge.Onnx.Import;
using MilForge.Onnx.Reading;
using MilForge.Precision.Inputs;
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
    public static IReadOnlyList<TensorSignature> InputSignatures(OnnxModel model)
    {
        var initializers = model.Graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        return [.. model.Graph.Input.Where(i => !initializers.Contains(i.Name)).Select(Signature)];
    }

    /// <summary>The graph outputs with their ONNX element types.</summary>
    public static IReadOnlyList<TensorSignature> OutputSignatures(OnnxModel model) => [.. model.Graph.Output.Select(Signature)];

    private static TensorSignature Signature(Onnx.Protos.ValueInfo info)
    {
        var tensor = info.Type?.TensorType;
        var dataType = tensor is null ? Numerics.DataType.Float32 : OnnxDataTypes.ToDataType(tensor.ElemType) ?? Numerics.DataType.Float32;
        var dims = (tensor?.Shape?.Dim ?? []).Select((d, i) => d.ValueCase == Onnx.Protos.ShapeInfo.Types.Dimension.ValueOneofCase.DimValue
            ? Numerics.Dim.Of(d.DimValue) : Numerics.Dim.Of(string.IsNullOrEmpty(d.DimParam) ? $"d{i}" : d.DimParam));
        return new TensorSignature(info.Name, dataType, new Numerics.Shape(dims));
    }
}
