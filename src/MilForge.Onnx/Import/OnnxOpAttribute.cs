namespace MilForge.Onnx.Import;

/// <summary>
/// Marks a class as the converter of an ONNX op and lists the opset versions (<c>since_version</c>s) whose semantics
/// it implements; the version used for a model is the newest listed one ≤ the model's opset. A class may carry
/// several of these when one converter serves several op types.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class OnnxOpAttribute : Attribute
{
    /// <summary>Declares a converter for <paramref name="opType"/> in the default domain.</summary>
    public OnnxOpAttribute(string opType, params int[] sinceVersions)
    {
        OpType = opType;
        SinceVersions = sinceVersions.Length > 0 ? sinceVersions : [1];
    }

    /// <summary>The ONNX op type, e.g. <c>Conv</c>.</summary>
    public string OpType { get; }

    /// <summary>The since-versions implemented.</summary>
    public IReadOnlyList<int> SinceVersions { get; }

    /// <summary>The domain ("" = ai.onnx).</summary>
    public string Domain { get; init; } = "";
}
