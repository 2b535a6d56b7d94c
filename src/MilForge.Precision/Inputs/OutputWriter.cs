using MilForge.Numerics;
using MilForge.Numerics.Io;
using MilForge.Onnx.Reading;

namespace MilForge.Precision.Inputs;

/// <summary>Writes outputs in the ONNX test-data layout: <c>output_K.pb</c> and <c>NAME.npy</c>, in model output order.</summary>
public static class OutputWriter
{
    /// <summary>Writes every output to <paramref name="directory"/> (created if needed).</summary>
    public static void Write(string directory, IReadOnlyList<KeyValuePair<string, Tensor>> outputs)
    {
        Directory.CreateDirectory(directory);
        for (var k = 0; k < outputs.Count; k++)
        {
            var (name, tensor) = outputs[k];
            OnnxTensors.WriteFile(Path.Combine(directory, $"output_{k}.pb"), tensor, name);
            if (tensor.DataType != DataType.String && tensor.DataType != DataType.BFloat16)
            {
                NpyFormat.Write(Path.Combine(directory, $"{Mil.NameScope.Sanitize(name)}.npy"), tensor);
            }
        }
    }
}
