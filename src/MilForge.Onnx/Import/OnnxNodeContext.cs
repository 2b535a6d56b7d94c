using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Numerics;
using MilForge.Onnx.Protos;
using MilForge.Onnx.Reading;

namespace MilForge.Onnx.Import;

/// <summary>
/// Everything a converter needs for one node: its attributes, its inputs as MIL values (initializers become consts
/// on first use), constant inputs as tensors, a builder stamped with the node's origin, and output binding.
/// </summary>
public sealed class OnnxNodeContext
{
    private readonly ImportState _state;

    internal OnnxNodeContext(ImportState state, Node node, string name, int opset, int since)
    {
        _state = state;
        Node = node;
        Name = name;
        Opset = opset;
        Since = since;
        Attributes = new OnnxAttributes(node, name);
        Origin = new Origin(name, node.OpType);
        Builder = state.Builder;
        Builder.Origin = Origin;
    }

    /// <summary>The node.</summary>
    public Node Node { get; }

    /// <summary>The node's stable name.</summary>
    public string Name { get; }

    /// <summary>The op type.</summary>
    public string OpType => Node.OpType;

    /// <summary>The model's opset for the node's domain.</summary>
    public int Opset { get; }

    /// <summary>The since-version of the converter chosen.</summary>
    public int Since { get; }

    /// <summary>The node's attributes.</summary>
    public OnnxAttributes Attributes { get; }

    /// <summary>The node as an origin.</summary>
    public Origin Origin { get; }

    /// <summary>The builder, with this node's origin.</summary>
    public MilBuilder Builder { get; }

    /// <summary>The folder of the model, for tensor attributes with external data.</summary>
    public string? ModelDirectory => _state.Model.Directory;

    /// <summary>Number of input slots (including empty optional ones).</summary>
    public int InputCount => Node.Input.Count;

    /// <summary>Number of output slots.</summary>
    public int OutputCount => Node.Output.Count;

    /// <summary>True when input <paramref name="index"/> is given (present and not the empty name).</summary>
    public bool HasInput(int index) => index < Node.Input.Count && Node.Input[index].Length > 0;

    /// <summary>True when output <paramref name="index"/> is wanted.</summary>
    public bool HasOutput(int index) => index < Node.Output.Count && Node.Output[index].Length > 0;

    /// <summary>Input <paramref name="index"/> as a MIL value.</summary>
    public Value Input(int index) => HasInput(index) ? _state.Lookup(Node.Input[index], this)
        : throw Error(DiagnosticCodes.OnnxBadGraph, $"required input {index} is missing");

    /// <summary>Input <paramref name="index"/>, or null when not given.</summary>
    public Value? OptionalInput(int index) => HasInput(index) ? Input(index) : null;

    /// <summary>The constant value of input <paramref name="index"/>, or null when it is absent or computed at run time.</summary>
    public Tensor? ConstantInput(int index) => HasInput(index) ? Input(index).ConstantValue : null;

    /// <summary>The constant value of input <paramref name="index"/>; ONNX1006 when it is not constant.</summary>
    public Tensor RequireConstant(int index, string what) => ConstantInput(index)
        ?? throw Error(DiagnosticCodes.OnnxNotConstant,
            $"input {index} ({what}, '{(HasInput(index) ? Node.Input[index] : "")}') must be a constant for conversion to Core ML");

    /// <summary>
    /// The ONNX element type declared for input <paramref name="index"/> (graph inputs, initializers, value_info),
    /// or null when the model does not declare it. MIL values carry the narrowed Core ML type instead.
    /// </summary>
    public DataType? DeclaredType(int index) =>
        HasInput(index) && _state.DeclaredTypes.TryGetValue(Node.Input[index], out var t) ? t : null;

    /// <summary>A name hint for output <paramref name="index"/> (the ONNX tensor name, sanitized).</summary>
    public string OutputName(int index = 0) => NameScope.Sanitize(HasOutput(index) ? Node.Output[index] : $"{Name}_out{index}");

    /// <summary>Binds output <paramref name="index"/> to a MIL value.</summary>
    public void SetOutput(int index, Value value)
    {
        if (HasOutput(index))
        {
            _state.Bind(Node.Output[index], value, this);
        }
    }

    /// <summary>Adds a const named after this node.</summary>
    public Value Const(Tensor value, string? suffix = null) => Builder.Const(value, $"{OutputName()}_{suffix ?? "const"}");

    /// <summary>A scalar const with the element type of <paramref name="like"/>.</summary>
    public Value Scalar(double value, Value like, string? suffix = null) =>
        Const(Tensor.FromDoubles([value], [], like.DataType), suffix);

    /// <summary>Builds a single-output op named after output 0 (or <paramref name="name"/>).</summary>
    public Value Op(string opType, OpArgs args, string? name = null) => Builder.Single(opType, args, name ?? OutputName());

    /// <summary>
    /// Imports a graph attribute (an If branch, a Loop body) into the block of <paramref name="builder"/>: names of
    /// the enclosing graphs stay visible, <paramref name="inputs"/> are bound to the subgraph's inputs in order, and
    /// the values of its outputs are returned. Its nodes keep their ONNX names as origins.
    /// </summary>
    public IReadOnlyList<Value> ImportSubgraph(Graph graph, MilBuilder builder, IReadOnlyList<Value>? inputs = null)
    {
        var state = _state.Subgraph(graph, builder);
        inputs ??= [];
        if (inputs.Count != graph.Input.Count)
        {
            throw Unsupported($"the subgraph '{graph.Name}' takes {graph.Input.Count} inputs, {inputs.Count} are given");
        }
        for (var i = 0; i < inputs.Count; i++)
        {
            state.Bind(graph.Input[i].Name, inputs[i], this);
        }
        var outputs = OnnxImporter.ConvertSubgraph(graph, state);
        Builder.Origin = Origin;
        return outputs;
    }

    /// <summary>
    /// Builds a single-output op that the FP16 pass keeps in FP32 (<see cref="Origin.RequiresFp32"/>): integer
    /// arithmetic carried out in float, exact only in binary32.
    /// </summary>
    public Value OpInFp32(string opType, OpArgs args, string? name = null)
    {
        Builder.Origin = Origin with { RequiresFp32 = true };
        try
        {
            return Op(opType, args, name);
        }
        finally
        {
            Builder.Origin = Origin;
        }
    }

    /// <summary>A diagnostic naming this node.</summary>
    public DiagnosticException Error(string code, string message) =>
        new(code, $"Node '{Name}' ({OpType}): {message}.", Origin);

    /// <summary>Records a non-fatal warning naming this node (returned in <see cref="ImportResult.Diagnostics"/>).</summary>
    public void Warn(string code, string message) =>
        _state.Diagnostics.Add(Diagnostic.Warning(code, $"Node '{Name}' ({OpType}): {message}.", Origin));

    /// <summary>An ONNX1005 diagnostic for an unsupported attribute value or combination.</summary>
    public DiagnosticException Unsupported(string message) => Error(DiagnosticCodes.OnnxBadAttribute, message);
}
