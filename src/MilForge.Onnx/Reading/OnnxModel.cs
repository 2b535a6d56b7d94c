using Google.Protobuf;
using MilForge.Diagnostics;
using MilForge.Numerics;
using MilForge.Onnx.Protos;

namespace MilForge.Onnx.Reading;

/// <summary>
/// A loaded ONNX model: the protobuf, the folder that external data is resolved against, the opset of each domain,
/// and a stable name for every node (unnamed nodes get <c>OpType_index</c>).
/// </summary>
public sealed class OnnxModel
{
    private OnnxModel(Model proto, string? directory, string displayName)
    {
        Proto = proto;
        Directory = directory;
        DisplayName = displayName;
        if (proto.Graph is null)
        {
            throw new DiagnosticException(DiagnosticCodes.OnnxMalformed, $"{displayName}: the model has no graph.");
        }
        Opsets = proto.OpsetImport.GroupBy(o => NormalizeDomain(o.Domain)).ToDictionary(g => g.Key, g => (int)g.Max(o => o.Version), StringComparer.Ordinal);
        // Only very old exporters omit the ai.onnx import; their ops are opset-1 ops.
        Opsets.TryAdd("", 1);
        NodeNames = StableNodeNames(proto.Graph);
    }

    /// <summary>The model protobuf.</summary>
    public Model Proto { get; }

    /// <summary>The graph.</summary>
    public Graph Graph => Proto.Graph;

    /// <summary>The folder of the model file (external data is resolved against it); null for in-memory models.</summary>
    public string? Directory { get; }

    /// <summary>The file name or a description, for diagnostics.</summary>
    public string DisplayName { get; }

    /// <summary>Opset version per domain ("" is ai.onnx).</summary>
    public Dictionary<string, int> Opsets { get; }

    /// <summary>A unique, stable name for every node, by index.</summary>
    public IReadOnlyList<string> NodeNames { get; }

    /// <summary>The op type of every node, in graph order.</summary>
    public IReadOnlyList<string> NodeOpTypes => [.. Graph.Node.Select(n => n.OpType)];

    /// <summary>The ai.onnx opset.</summary>
    public int DefaultOpset => Opsets[""];

    /// <summary>The graph inputs that are not initializers, with their ONNX element types (float32 when undeclared).</summary>
    public IReadOnlyList<TensorSignature> InputSignatures()
    {
        var initializers = Graph.Initializer.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        return [.. Graph.Input.Where(i => !initializers.Contains(i.Name)).Select(Signature)];
    }

    /// <summary>The graph outputs with their ONNX element types.</summary>
    public IReadOnlyList<TensorSignature> OutputSignatures() => [.. Graph.Output.Select(Signature)];

    /// <summary>True when a graph input or output is a sequence, map or optional rather than a tensor.</summary>
    public bool HasNonTensorIO => Graph.Input.Concat(Graph.Output).Any(v => v.Type?.TensorType is null);

    private static TensorSignature Signature(ValueInfo info)
    {
        var tensor = info.Type?.TensorType;
        var dataType = tensor is null ? DataType.Float32 : OnnxDataTypes.ToDataType(tensor.ElemType) ?? DataType.Float32;
        var dims = (tensor?.Shape?.Dim ?? []).Select((d, i) => d.ValueCase == ShapeInfo.Types.Dimension.ValueOneofCase.DimValue
            ? Dim.Of(d.DimValue) : Dim.Of(string.IsNullOrEmpty(d.DimParam) ? $"d{i}" : d.DimParam));
        return new TensorSignature(info.Name, dataType, new Shape(dims));
    }

    /// <summary>Loads a model file; a missing or malformed file raises ONNX1001.</summary>
    public static OnnxModel Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DiagnosticException(DiagnosticCodes.OnnxMalformed, $"Cannot read ONNX model '{path}': {e.Message}");
        }
        return Parse(bytes, Path.GetDirectoryName(Path.GetFullPath(path)), path);
    }

    /// <summary>Parses model bytes; <paramref name="directory"/> resolves external data (null forbids it).</summary>
    public static OnnxModel Parse(byte[] bytes, string? directory, string displayName)
    {
        Model proto;
        try
        {
            proto = Model.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new DiagnosticException(DiagnosticCodes.OnnxMalformed, $"'{displayName}' is not a valid ONNX model: {e.Message}");
        }
        return new OnnxModel(proto, directory, displayName);
    }

    /// <summary>Wraps an in-memory model.</summary>
    public static OnnxModel FromProto(Model proto, string displayName = "(in-memory model)", string? directory = null) =>
        new(proto, directory, displayName);

    /// <summary>"" for the default domain (also spelled "ai.onnx").</summary>
    public static string NormalizeDomain(string? domain) => domain is null or "ai.onnx" ? "" : domain;

    /// <summary>Node names, with unnamed or repeated ones replaced by <c>OpType_index</c> (also used for subgraphs).</summary>
    internal static List<string> StableNodeNames(Graph graph)
    {
        var used = new HashSet<string>(graph.Node.Where(n => !string.IsNullOrEmpty(n.Name)).Select(n => n.Name), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new List<string>(graph.Node.Count);
        for (var i = 0; i < graph.Node.Count; i++)
        {
            var node = graph.Node[i];
            var name = node.Name;
            if (string.IsNullOrEmpty(name) || !seen.Add(name))
            {
                var k = i;
                do
                {
                    name = $"{node.OpType}_{k++}";
                }
                while (used.Contains(name) || seen.Contains(name));
                seen.Add(name);
            }
            names.Add(name);
        }
        return names;
    }
}
