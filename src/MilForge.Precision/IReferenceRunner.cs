using MilForge.Numerics;

namespace MilForge.Precision;

/// <summary>
/// Runs the source ONNX model with a reference engine (ONNX Runtime, in the MilForge.OnnxRuntime adapter). The
/// precision tools depend on this port only, never on the engine itself.
/// </summary>
public interface IReferenceRunner
{
    /// <summary>A short description of the engine and version, for reports.</summary>
    string Name { get; }

    /// <summary>
    /// Runs the model at <paramref name="modelPath"/> on inputs keyed by ONNX input name (cast to the declared input
    /// types by the runner) and returns the outputs keyed by ONNX output name, in graph order.
    /// </summary>
    IReadOnlyList<KeyValuePair<string, Tensor>> Run(string modelPath, IReadOnlyDictionary<string, Tensor> inputs);
}
