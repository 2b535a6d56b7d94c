using Google.Protobuf;
using MilForge.Numerics;
using MilForge.Onnx.Protos;
using MilForge.Onnx.Reading;

namespace MilForge.Onnx.Building;

/// <summary>
/// Builds ONNX models in code — the sample model of <c>milforge demo</c> and the one-node models of the
/// differential tests.
/// </summary>
public sealed class OnnxGraphBuilder
{
    private readonly Graph _graph;
    private readonly int _opset;

    /// <summary>Starts an empty graph for an ai.onnx opset.</summary>
    public OnnxGraphBuilder(int opset = 13, string name = "graph")
    {
        _opset = opset;
        _graph = new Graph { Name = name };
    }

    /// <summary>Declares a graph input; a null dim is a symbolic dimension named after the input.</summary>
    public OnnxGraphBuilder Input(string name, DataType type, params long?[] dims)
    {
        _graph.Input.Add(ValueInfoOf(name, type, dims));
        return this;
    }

    /// <summary>Declares a graph output (the shape may be omitted).</summary>
    public OnnxGraphBuilder Output(string name, DataType type, params long?[]? dims)
    {
        _graph.Output.Add(ValueInfoOf(name, type, dims));
        return this;
    }

    /// <summary>Adds an initializer.</summary>
    public OnnxGraphBuilder Initializer(string name, Tensor value)
    {
        _graph.Initializer.Add(OnnxTensors.FromTensor(value, name));
        return this;
    }

    /// <summary>Adds a node; set attributes on the returned node.</summary>
    public OnnxNodeBuilder Node(string opType, string[] inputs, string[] outputs, string? name = null, string domain = "")
    {
        var node = new Node { OpType = opType, Name = name ?? $"{opType}_{_graph.Node.Count}", Domain = domain };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        _graph.Node.Add(node);
        return new OnnxNodeBuilder(node);
    }

    /// <summary>The model message.</summary>
    public Model Build()
    {
        var model = new Model { IrVersion = 8, ProducerName = "milforge", Graph = _graph.Clone() };
        model.OpsetImport.Add(new OpsetId { Domain = "", Version = _opset });
        return model;
    }

    /// <summary>The graph alone, for a graph attribute (an If branch, a Loop or Scan body).</summary>
    public Graph BuildGraph() => _graph.Clone();

    /// <summary>The serialized model.</summary>
    public byte[] ToBytes() => Build().ToByteArray();

    private static ValueInfo ValueInfoOf(string name, DataType type, long?[]? dims)
    {
        var tensor = new TypeInfo.Types.TensorInfo { ElemType = OnnxDataTypes.FromDataType(type) };
        if (dims is not null)
        {
            tensor.Shape = new ShapeInfo();
            for (var i = 0; i < dims.Length; i++)
            {
                tensor.Shape.Dim.Add(dims[i] is { } d
                    ? new ShapeInfo.Types.Dimension { DimValue = d }
                    : new ShapeInfo.Types.Dimension { DimParam = $"{name}_d{i}" });
            }
        }
        return new ValueInfo { Name = name, Type = new TypeInfo { TensorType = tensor } };
    }
}

/// <summary>Sets attributes on a node being built.</summary>
public sealed class OnnxNodeBuilder
{
    private readonly Node _node;

    internal OnnxNodeBuilder(Node node) => _node = node;

    /// <summary>An int attribute.</summary>
    public OnnxNodeBuilder Attr(string name, long value) => Add(new NodeAttribute { Name = name, Type = NodeAttribute.Types.Kind.Int, I = value });

    /// <summary>A float attribute.</summary>
    public OnnxNodeBuilder Attr(string name, float value) => Add(new NodeAttribute { Name = name, Type = NodeAttribute.Types.Kind.Float, F = value });

    /// <summary>A string attribute.</summary>
    public OnnxNodeBuilder Attr(string name, string value) =>
        Add(new NodeAttribute { Name = name, Type = NodeAttribute.Types.Kind.String, S = ByteString.CopyFromUtf8(value) });

    /// <summary>An ints attribute.</summary>
    public OnnxNodeBuilder Attr(string name, long[] values)
    {
        var a = new NodeAttribute { Name = name, Type = NodeAttribute.Types.Kind.Ints };
        a.Ints.AddRange(values);
        return Add(a);
    }

    /// <summary>A floats attribute.</summary>
    public OnnxNodeBuilder Attr(string name, float[] values)
    {
        var a = new NodeAttribute { Name = name, Type = NodeAttribute.Types.Kind.Floats };
        a.Floats.AddRange(values);
        return Add(a);
    }

    /// <summary>A strings attribute.</summary>
    public OnnxNodeBuilder Attr(string name, string[] values)
    {
        var a = new NodeAttribute { Name = name, Type = NodeAttribute.Types.Kind.Strings };
        a.Strings.AddRange(values.Select(ByteString.CopyFromUtf8));
        return Add(a);
    }

    /// <summary>A tensor attribute.</summary>
    public OnnxNodeBuilder Attr(string name, Tensor value) =>
        Add(new NodeAttribute { Name = name, Type = NodeAttribute.Types.Kind.Tensor, T = OnnxTensors.FromTensor(value, name) });

    /// <summary>A graph attribute (a subgraph: its inputs, nodes and outputs; it may read names of the enclosing graphs).</summary>
    public OnnxNodeBuilder Attr(string name, OnnxGraphBuilder graph) =>
        Add(new NodeAttribute { Name = name, Type = NodeAttribute.Types.Kind.Graph, G = graph.BuildGraph() });

    private OnnxNodeBuilder Add(NodeAttribute attribute)
    {
        _node.Attribute.Add(attribute);
        return this;
    }
}
