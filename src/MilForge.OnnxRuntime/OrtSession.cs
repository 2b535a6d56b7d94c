using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MilForge.Diagnostics;
using MilForge.Numerics;
using MilForge.Onnx.Reading;
using Tensor = MilForge.Numerics.Tensor;

namespace MilForge.OnnxRuntime;

/// <summary>
/// One loaded ONNX model in ONNX Runtime (CPU), reusable for many runs. Inputs are cast to the element types the model
/// declares; outputs come back in graph order. Load failures raise <see cref="DiagnosticCodes.OnnxMalformed"/>, missing
/// inputs <see cref="DiagnosticCodes.RunBadInput"/> and run failures <see cref="DiagnosticCodes.RunOpFailed"/>, each
/// naming the model.
/// </summary>
public sealed class OrtSession : IDisposable
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly IReadOnlyList<(string Name, DataType? Declared)> _inputs;

    /// <summary>Loads model bytes with <paramref name="settings"/> (default: <see cref="OrtSessionSettings.Reference"/>).</summary>
    public OrtSession(byte[] model, string displayName = "(in-memory model)", OrtSessionSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        settings ??= OrtSessionSettings.Reference;
        ArgumentOutOfRangeException.ThrowIfNegative(settings.IntraOpThreads);
        DisplayName = displayName;
        _options = new SessionOptions
        {
            GraphOptimizationLevel = settings.Optimization switch
            {
                OrtGraphOptimization.None => GraphOptimizationLevel.ORT_DISABLE_ALL,
                OrtGraphOptimization.Basic => GraphOptimizationLevel.ORT_ENABLE_BASIC,
                OrtGraphOptimization.Extended => GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
                _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
            },
            IntraOpNumThreads = settings.IntraOpThreads,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        try
        {
            _session = new InferenceSession(model, _options);
        }
        catch (OnnxRuntimeException e)
        {
            _options.Dispose();
            throw new DiagnosticException(DiagnosticCodes.OnnxMalformed, $"ONNX Runtime cannot load '{displayName}': {e.Message}");
        }
        _inputs = [.. _session.InputMetadata.Select(p => (p.Key, OnnxDataTypes.ToDataType((int)p.Value.ElementDataType)))];
    }

    /// <summary>The ONNX Runtime version and device, e.g. "ONNX Runtime 1.31.1 (CPU)".</summary>
    public static string EngineName => $"ONNX Runtime {typeof(InferenceSession).Assembly.GetName().Version?.ToString(3)} (CPU)";

    /// <summary>Reads and loads the model at <paramref name="path"/> (named by its path in diagnostics).</summary>
    public static OrtSession FromFile(string path, OrtSessionSettings? settings = null) => new(File.ReadAllBytes(path), path, settings);

    /// <summary>The name diagnostics give the model.</summary>
    public string DisplayName { get; }

    /// <summary>The graph inputs ONNX Runtime expects, in graph order.</summary>
    public IReadOnlyList<string> InputNames => [.. _inputs.Select(i => i.Name)];

    /// <summary>The graph outputs, in graph order.</summary>
    public IReadOnlyList<string> OutputNames => _session.OutputNames;

    /// <summary>
    /// Runs the model on inputs keyed by ONNX input name (cast to the declared input types) and returns every output
    /// keyed by ONNX output name, in graph order.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, Tensor>> Run(IReadOnlyDictionary<string, Tensor> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var values = new Dictionary<string, OrtValue>(StringComparer.Ordinal);
        try
        {
            foreach (var (name, declared) in _inputs)
            {
                if (!inputs.TryGetValue(name, out var tensor))
                {
                    throw new DiagnosticException(DiagnosticCodes.RunBadInput, $"Input '{name}' of '{DisplayName}' is missing.");
                }
                values[name] = ToOrt(tensor.CastTo(declared ?? tensor.DataType));
            }
            using var runOptions = new Microsoft.ML.OnnxRuntime.RunOptions();
            using var results = _session.Run(runOptions, values, _session.OutputNames);
            return [.. _session.OutputNames.Zip(results).Select(p => new KeyValuePair<string, Tensor>(p.First, FromOrt(p.Second, p.First)))];
        }
        catch (OnnxRuntimeException e)
        {
            throw new DiagnosticException(DiagnosticCodes.RunOpFailed, $"ONNX Runtime failed on '{DisplayName}': {e.Message}");
        }
        finally
        {
            foreach (var v in values.Values)
            {
                v.Dispose();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _session.Dispose();
        _options.Dispose();
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
