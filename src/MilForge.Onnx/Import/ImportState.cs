using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Numerics;
using MilForge.Onnx.Protos;
using MilForge.Onnx.Reading;

namespace MilForge.Onnx.Import;

/// <summary>The mutable state of one import: ONNX tensor name → MIL value, and initializers not yet materialized.</summary>
internal sealed class ImportState
{
    private readonly Dictionary<string, Value> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TensorData> _initializers = new(StringComparer.Ordinal);

    public ImportState(OnnxModel model, MilBuilder builder, ImportOptions options)
        : this(model, model.Graph, builder, options, null)
    {
    }

    private ImportState(OnnxModel model, Graph graph, MilBuilder builder, ImportOptions options, ImportState? parent)
    {
        Model = model;
        Builder = builder;
        Options = options;
        Parent = parent;
        Diagnostics = parent?.Diagnostics ?? [];
        if (parent is not null)
        {
            foreach (var (name, type) in parent.DeclaredTypes)
            {
                DeclaredTypes[name] = type;
            }
        }
        foreach (var init in graph.Initializer)
        {
            _initializers[init.Name] = init;
        }
        foreach (var info in graph.Input.Concat(graph.ValueInfo).Concat(graph.Output))
        {
            if (info.Type?.TensorType is { } t && OnnxDataTypes.ToDataType(t.ElemType) is { } type)
            {
                DeclaredTypes[info.Name] = type;
            }
        }
        foreach (var init in graph.Initializer)
        {
            if (OnnxDataTypes.ToDataType(init.DataType) is { } type)
            {
                DeclaredTypes[init.Name] = type;
            }
        }
    }

    /// <summary>ONNX element types declared for graph inputs, outputs, value_info entries and initializers.</summary>
    public Dictionary<string, DataType> DeclaredTypes { get; } = new(StringComparer.Ordinal);

    public OnnxModel Model { get; }

    public MilBuilder Builder { get; }

    public List<Diagnostic> Diagnostics { get; }

    public ImportOptions Options { get; }

    /// <summary>The state of the enclosing graph for a subgraph (its names are visible inside); null for the main graph.</summary>
    public ImportState? Parent { get; }

    /// <summary>The state of a subgraph (an If branch, a Loop body) built into <paramref name="builder"/>'s block.</summary>
    public ImportState Subgraph(Graph graph, MilBuilder builder) => new(Model, graph, builder, Options, this);

    public bool IsInitializer(string name) => _initializers.ContainsKey(name);

    public void Bind(string name, Value value, OnnxNodeContext? context)
    {
        if (!_values.TryAdd(name, value))
        {
            var who = context is null ? "" : $"node '{context.Name}' ({context.OpType}): ";
            throw new DiagnosticException(DiagnosticCodes.OnnxBadGraph, $"{Model.DisplayName}: {who}tensor '{name}' is produced twice.", context?.Origin);
        }
    }

    /// <summary>Binds a graph input whose value is known at conversion time as a constant.</summary>
    public void BindKnownInput(string name, Tensor value)
    {
        var saved = Builder.Origin;
        Builder.Origin = new Origin(name, "known input");
        Bind(name, Builder.Const(ToMilConstant(value), name), null);
        Builder.Origin = saved;
    }

    public Value Lookup(string name, OnnxNodeContext? context)
    {
        if (_values.TryGetValue(name, out var value))
        {
            return value;
        }
        if (_initializers.TryGetValue(name, out var init))
        {
            var tensor = OnnxTensors.ToTensor(init, Model.Directory, $"initializer '{name}'");
            var saved = Builder.Origin;
            Builder.Origin = new Origin(name, "initializer");
            value = Builder.Const(ToMilConstant(tensor), name);
            Builder.Origin = saved;
            _values[name] = value;
            return value;
        }
        if (Parent is not null)
        {
            return Parent.Lookup(name, context);
        }
        var where = context is null ? "a graph output" : $"node '{context.Name}' ({context.OpType})";
        throw new DiagnosticException(DiagnosticCodes.OnnxBadGraph,
            $"{Model.DisplayName}: tensor '{name}' used by {where} is not produced by any earlier node, input or initializer.", context?.Origin);
    }

    /// <summary>Narrows an ONNX constant to a MIL element type: 64-bit and narrow ints to int32 (clamped), double to fp32.</summary>
    public static Tensor ToMilConstant(Tensor tensor)
    {
        var target = OnnxDataTypes.ToMil(tensor.DataType);
        if (target == tensor.DataType)
        {
            return tensor;
        }
        if (target == DataType.Int32)
        {
            var longs = tensor.AsLongs();
            var clamped = new int[longs.Length];
            for (var i = 0; i < longs.Length; i++)
            {
                clamped[i] = (int)Math.Clamp(longs[i], int.MinValue, int.MaxValue);
            }
            return Tensor.Create(clamped, tensor.ShapeArray());
        }
        return tensor.CastTo(target);
    }
}
