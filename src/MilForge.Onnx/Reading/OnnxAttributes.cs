using System.Text;
using MilForge.Diagnostics;
using MilForge.Numerics;
using MilForge.Onnx.Protos;

using AttributeKind = MilForge.Onnx.Protos.NodeAttribute.Types.Kind;

namespace MilForge.Onnx.Reading;

/// <summary>Typed access to a node's attributes, with defaults, and ONNX1005 diagnostics that name the node.</summary>
public sealed class OnnxAttributes
{
    private readonly Dictionary<string, NodeAttribute> _attributes;
    private readonly string _node;
    private readonly Origin _origin;

    /// <summary>Wraps a node's attributes; <paramref name="nodeName"/> is used in diagnostics.</summary>
    public OnnxAttributes(Node node, string nodeName)
    {
        _attributes = [];
        foreach (var a in node.Attribute)
        {
            _attributes[a.Name] = a;
        }
        _node = nodeName;
        _origin = new Origin(nodeName, node.OpType);
    }

    /// <summary>Names of the attributes present.</summary>
    public IEnumerable<string> Names => _attributes.Keys;

    /// <summary>True when the attribute is present.</summary>
    public bool Has(string name) => _attributes.ContainsKey(name);

    /// <summary>An int attribute, or <paramref name="fallback"/>.</summary>
    public long Int(string name, long fallback) => Get(name, AttributeKind.Int) is { } a ? a.I : fallback;

    /// <summary>A required int attribute.</summary>
    public long Int(string name) => Require(name, AttributeKind.Int).I;

    /// <summary>A float attribute, or <paramref name="fallback"/>.</summary>
    public float Float(string name, float fallback) => Get(name, AttributeKind.Float) is { } a ? a.F : fallback;

    /// <summary>A string attribute, or <paramref name="fallback"/>.</summary>
    public string String(string name, string fallback) =>
        Get(name, AttributeKind.String) is { } a ? Encoding.UTF8.GetString(a.S.Span) : fallback;

    /// <summary>An ints attribute, or <paramref name="fallback"/> (null when absent and no fallback).</summary>
    public long[]? Ints(string name, long[]? fallback = null) =>
        Get(name, AttributeKind.Ints) is { } a ? [.. a.Ints] : fallback;

    /// <summary>A floats attribute, or <paramref name="fallback"/>.</summary>
    public float[]? Floats(string name, float[]? fallback = null) =>
        Get(name, AttributeKind.Floats) is { } a ? [.. a.Floats] : fallback;

    /// <summary>A strings attribute, or <paramref name="fallback"/>.</summary>
    public string[]? Strings(string name, string[]? fallback = null) =>
        Get(name, AttributeKind.Strings) is { } a ? [.. a.Strings.Select(s => Encoding.UTF8.GetString(s.Span))] : fallback;

    /// <summary>A tensor attribute, or null.</summary>
    public Tensor? Tensor(string name, string? baseDirectory) =>
        Get(name, AttributeKind.Tensor) is { } a ? OnnxTensors.ToTensor(a.T, baseDirectory, $"attribute '{name}' of node '{_node}'") : null;

    /// <summary>A graph attribute, or null.</summary>
    public Graph? Graph(string name) => Get(name, AttributeKind.Graph)?.G;

    private NodeAttribute? Get(string name, AttributeKind kind)
    {
        if (!_attributes.TryGetValue(name, out var a))
        {
            return null;
        }
        var actual = a.HasType ? a.Type : Infer(a);
        if (actual != kind)
        {
            throw new DiagnosticException(DiagnosticCodes.OnnxBadAttribute,
                $"Node '{_node}': attribute '{name}' is {actual}, expected {kind}.", _origin);
        }
        return a;
    }

    private NodeAttribute Require(string name, AttributeKind kind) => Get(name, kind)
        ?? throw new DiagnosticException(DiagnosticCodes.OnnxBadAttribute, $"Node '{_node}': required attribute '{name}' is missing.", _origin);

    // Very old models omit AttributeProto.type; infer it from the field that is set.
    private static AttributeKind Infer(NodeAttribute a) => a switch
    {
        { HasF: true } => AttributeKind.Float,
        { HasI: true } => AttributeKind.Int,
        { HasS: true } => AttributeKind.String,
        { T: not null } => AttributeKind.Tensor,
        { G: not null } => AttributeKind.Graph,
        { Floats.Count: > 0 } => AttributeKind.Floats,
        { Ints.Count: > 0 } => AttributeKind.Ints,
        { Strings.Count: > 0 } => AttributeKind.Strings,
        _ => AttributeKind.Undefined,
    };
}
