using MilForge.Mil;
using MilForge.Mil.Ops;

namespace MilForge.Onnx.Import;

/// <summary>Options of an ONNX → MIL import.</summary>
public sealed record ImportOptions
{
    /// <summary>The deployment target of the program (default iOS16).</summary>
    public DeploymentTarget Target { get; init; } = DeploymentTarget.iOS16;

    /// <summary>
    /// Evaluates ops whose inputs are all constant (shape chains such as Shape→Gather→Unsqueeze→Concat→Reshape fold
    /// to constants). The composition root passes the runtime's kernel folder; null disables folding.
    /// </summary>
    public IConstantFolder? Folder { get; init; }

    /// <summary>
    /// Graph inputs whose values are known at conversion time, by ONNX name. They become constants (so shapes, axes
    /// and indices fed as inputs can fold) and are no longer inputs of the converted model.
    /// </summary>
    public IReadOnlyDictionary<string, Numerics.Tensor> KnownInputs { get; init; } = new Dictionary<string, Numerics.Tensor>();

    /// <summary>
    /// Fixed shapes for graph inputs, by ONNX name (the CLI's <c>--input NAME:1x3x224x224</c>). A shape must have the
    /// input's rank and agree with its fixed dims; it replaces the symbolic ones.
    /// </summary>
    public IReadOnlyDictionary<string, long[]> InputShapes { get; init; } = new Dictionary<string, long[]>();

    /// <summary>The MIL op catalog.</summary>
    public OpCatalog Catalog { get; init; } = OpCatalog.Default;

    /// <summary>The converters.</summary>
    public ConverterRegistry Converters { get; init; } = ConverterRegistry.Default;
}
