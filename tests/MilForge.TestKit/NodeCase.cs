using MilForge.Numerics;
using MilForge.Onnx.Building;

namespace MilForge.TestKit;

/// <summary>
/// One differential test case for an ONNX op: a single-node model built in code (inputs with data, constant
/// initializers, attributes, outputs), checked against ONNX Runtime by <see cref="OnnxOracle"/>.
/// </summary>
public sealed class NodeCase
{
    private readonly List<Action<OnnxGraphBuilder>> _graph = [];
    private readonly List<Action<OnnxNodeBuilder>> _attributes = [];
    private readonly List<string> _inputs = [];
    private readonly List<string> _outputs = [];

    /// <summary>Starts a case for <paramref name="opType"/> at an opset.</summary>
    public NodeCase(string name, string opType, int opset = 17)
    {
        Name = name;
        OpType = opType;
        Opset = opset;
    }

    /// <summary>The case's display name.</summary>
    public string Name { get; }

    /// <summary>The op under test.</summary>
    public string OpType { get; }

    /// <summary>The model's opset.</summary>
    public int Opset { get; }

    /// <summary>Data for the graph inputs.</summary>
    public Dictionary<string, Tensor> Feeds { get; } = new(StringComparer.Ordinal);

    /// <summary>Absolute tolerance of the FP32 comparison.</summary>
    public double Atol { get; private set; } = 1e-5;

    /// <summary>Relative tolerance of the FP32 comparison.</summary>
    public double Rtol { get; private set; } = 1e-4;

    /// <summary>A graph input fed with <paramref name="value"/>.</summary>
    public NodeCase Input(string name, Tensor value)
    {
        _inputs.Add(name);
        Feeds[name] = value;
        _graph.Add(g => g.Input(name, value.DataType, [.. value.Shape.Select(d => (long?)d)]));
        return this;
    }

    /// <summary>A graph input that is not an input of the node (subgraphs of If/Loop/Scan read it from the outer scope).</summary>
    public NodeCase OuterInput(string name, Tensor value)
    {
        Feeds[name] = value;
        _graph.Add(g => g.Input(name, value.DataType, [.. value.Shape.Select(d => (long?)d)]));
        return this;
    }

    /// <summary>
    /// A graph input fed with <paramref name="value"/> whose dims at <paramref name="symbolicDims"/> (all dims when none
    /// are listed) are declared symbolic, to exercise the dynamic-shape paths of converters.
    /// </summary>
    public NodeCase SymbolicInput(string name, Tensor value, params int[] symbolicDims)
    {
        _inputs.Add(name);
        Feeds[name] = value;
        _graph.Add(g => g.Input(name, value.DataType,
            [.. value.Shape.Select((d, i) => symbolicDims.Length == 0 || symbolicDims.Contains(i) ? null : (long?)d)]));
        return this;
    }

    /// <summary>A constant input (an initializer).</summary>
    public NodeCase Constant(string name, Tensor value)
    {
        _inputs.Add(name);
        _graph.Add(g => g.Initializer(name, value));
        return this;
    }

    /// <summary>An omitted optional input (the empty name).</summary>
    public NodeCase Skip()
    {
        _inputs.Add("");
        return this;
    }

    /// <summary>An omitted optional output (the empty name): not a graph output.</summary>
    public NodeCase SkipOutput()
    {
        _outputs.Add("");
        return this;
    }

    /// <summary>An output of the node.</summary>
    public NodeCase Output(string name, DataType type = DataType.Float32)
    {
        _outputs.Add(name);
        _graph.Add(g => g.Output(name, type, null));
        return this;
    }

    /// <summary>An int attribute.</summary>
    public NodeCase Attr(string name, long value) => With(n => n.Attr(name, value));

    /// <summary>A float attribute.</summary>
    public NodeCase Attr(string name, float value) => With(n => n.Attr(name, value));

    /// <summary>A string attribute.</summary>
    public NodeCase Attr(string name, string value) => With(n => n.Attr(name, value));

    /// <summary>An ints attribute.</summary>
    public NodeCase Attr(string name, long[] value) => With(n => n.Attr(name, value));

    /// <summary>A floats attribute.</summary>
    public NodeCase Attr(string name, float[] value) => With(n => n.Attr(name, value));

    /// <summary>A strings attribute.</summary>
    public NodeCase Attr(string name, string[] value) => With(n => n.Attr(name, value));

    /// <summary>A tensor attribute.</summary>
    public NodeCase Attr(string name, Tensor value) => With(n => n.Attr(name, value));

    /// <summary>Adds a graph attribute (a subgraph).</summary>
    public NodeCase Attr(string name, OnnxGraphBuilder graph) => With(n => n.Attr(name, graph));

    /// <summary>Why this case is not checked in FP16 (it probes an FP32 boundary FP16 cannot hold), or null.</summary>
    public string? Fp32OnlyReason { get; private set; }

    /// <summary>Marks the case as FP32-only, with the reason.</summary>
    public NodeCase Fp32Only(string reason)
    {
        Fp32OnlyReason = reason;
        return this;
    }

    /// <summary>Overrides the FP32 tolerances (state why in the case name or a comment).</summary>
    public NodeCase Tolerance(double atol, double rtol)
    {
        Atol = atol;
        Rtol = rtol;
        return this;
    }

    /// <summary>The serialized one-node model.</summary>
    public byte[] ModelBytes()
    {
        var g = new OnnxGraphBuilder(Opset, Name.Replace(' ', '_'));
        foreach (var step in _graph)
        {
            step(g);
        }
        var node = g.Node(OpType, [.. _inputs], [.. _outputs], $"/{OpType}");
        foreach (var a in _attributes)
        {
            a(node);
        }
        return g.ToBytes();
    }

    /// <inheritdoc />
    public override string ToString() => $"{OpType}-{Opset}: {Name}";

    private NodeCase With(Action<OnnxNodeBuilder> attribute)
    {
        _attributes.Add(attribute);
        return this;
    }
}
