namespace MilForge.Onnx.Import;

/// <summary>Converts one ONNX node into MIL ops through <see cref="OnnxNodeContext"/>.</summary>
public interface IOnnxConverter
{
    /// <summary>Emits MIL ops for the node and binds each of its outputs.</summary>
    void Convert(OnnxNodeContext context);
}
