using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MilForge.Diagnostics;
using MilForge.Numerics;
using MilForge.Onnx.Reading;
using MilForge.Precision;
using Tensor = MilForge.Numerics.Tensor;

namespace MilForge.OnnxRuntime;

/// <summary>
/// Runs ONNX models with ONNX Runtime (CPU) — the reference MilForge compares against. Inputs are cast to the
/// element types the model declares; graph optimizations are limited to basic so results stay close to the
/// plain operator definitions. This is the only place MilForge touches ONNX Runtime.
/// </summary>
public sealed class OrtReferenceRunner : IReferenceRunner
{
    /// <inheritdoc />
    public string Name => $"ONNX Runtime {typeof(InferenceSession).Assembly.GetName().Version?.ToString(3)} (CPU)";

    /// <inheritdoc />
    public IReadOnlyList<KeyValuePair<string, Tensor>> Run(string modelPath, IReadOnlyDictionary<string, Tensor> inputs) =>
        Run(File.ReadAllBytes(modelPath), inputs, modelPath);

    /// <summary>Runs model bytes (e.g. a model built in memory by a test).</summary>
    public IReadOnlyList<KeyValuePair<string, Tensor>> Run(byte[] model, IReadOnlyDictionary<string, Tensor> inputs, string displayName = "(in-memory model)")
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC,
            IntraOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        InferenceSession session;
        try
        {
            session = new InferenceSession(model, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new DiagnosticException(DiagnosticCodes.OnnxMalformed, $"ONNX Runtime cannot load '{displayName}': {e.Message}");
        }
        using (session)
        {
            var values = new Dictionary<string, OrtValue>(StringComparer.Ordinal);
            try
            {
                foreach (var (name, meta) in session.InputMetadata)
                {
                    if (!inputs.TryGetValue(name, out var tensor))
                    {
                        throw new DiagnosticException(DiagnosticCodes.RunBadInput, $"Input '{name}' of '{displayName}' is missing.");
                    }
                    var declared = OnnxDataTypes.ToDataType((int)meta.ElementDataType) ?? tensor.DataType;
                    values[name] = ToOrt(tensor.CastTo(declared));
                }
                using var runOptions = new Microsoft.ML.OnnxRuntime.RunOptions();
                using var results = session.Run(runOptions, values, session.OutputNames);
                return [.. session.OutputNames.Zip(results).Select(p => new KeyValuePair<string, Tensor>(p.First, FromOrt(p.Second, p.First)))];
            }
            catch (OnnxRuntimeException e)
            {
                throw new DiagnosticException(DiagnosticCodes.RunOpFailed, $"ONNX Runtime failed on '{displayName}': {e.Message}");
            }
            finally
            {
                foreach (var v in values.Values)
                {
                    v.Dispose();
                }
            }
        }
    }

    private static OrtValue ToOrt(Tensor tensor)
    {
        var shape = tensor.Shape.Select(d => (long)d).ToArray();
        if (tensor.DataType == DataType.String)
        {
            var value = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, shape);
            var strings = tensor.Storage<string>();
            for (var i = 0; i < strings.Length; i++)
            {
                value.StringTensorSetElementAt(strings[i].AsSpan(), i);
            }
            return value;
        }
        var ortValue = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, (TensorElementType)OnnxDataTypes.FromDataType(tensor.DataType), shape);
        var bytes = ortValue.GetTensorMutableRawData();
        TensorBytes.ToPackedArray(tensor).CopyTo(bytes);
        return ortValue;
    }

    private static Tensor FromOrt(OrtValue value, string name)
    {
        if (!value.IsTensor)
        {
            throw new DiagnosticException(DiagnosticCodes.PrcOutputMismatch, $"ONNX Runtime output '{name}' is not a tensor.");
        }
        var info = value.GetTensorTypeAndShape();
        var shape = info.Shape.Select(d => checked((int)d)).ToArray();
        if (info.ElementDataType == TensorElementType.String)
        {
            return Tensor.Create(value.GetStringTensorAsArray(), shape);
        }
        var dataType = OnnxDataTypes.ToDataType((int)info.ElementDataType)
            ?? throw new DiagnosticException(DiagnosticCodes.OnnxUnsupportedType, $"ONNX Runtime output '{name}' has element type {info.ElementDataType}.");
        return TensorBytes.FromPackedBytes(dataType, shape, value.GetTensorMutableRawData());
    }
}
