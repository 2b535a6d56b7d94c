using MilForge.Precision;
using Tensor = MilForge.Numerics.Tensor;

namespace MilForge.OnnxRuntime;

/// <summary>
/// Runs ONNX models with ONNX Runtime (CPU) — the reference MilForge compares against. Inputs are cast to the
/// element types the model declares; graph optimizations are limited to basic so results stay close to the
/// plain operator definitions (<see cref="OrtSessionSettings.Reference"/>). Each run loads a fresh
/// <see cref="OrtSession"/>; this adapter is the only place MilForge touches ONNX Runtime.
/// </summary>
public sealed class OrtReferenceRunner : IReferenceRunner
{
    /// <inheritdoc />
    public string Name => OrtSession.EngineName;

    /// <inheritdoc />
    public IReadOnlyList<KeyValuePair<string, Tensor>> Run(string modelPath, IReadOnlyDictionary<string, Tensor> inputs) =>
        Run(File.ReadAllBytes(modelPath), inputs, modelPath);

    /// <summary>Runs model bytes (e.g. a model built in memory by a test).</summary>
    public IReadOnlyList<KeyValuePair<string, Tensor>> Run(byte[] model, IReadOnlyDictionary<string, Tensor> inputs, string displayName = "(in-memory model)")
    {
        using var session = new OrtSession(model, displayName, OrtSessionSettings.Reference);
        return session.Run(inputs);
    }
}
