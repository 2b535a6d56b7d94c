using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Mil.Passes;
using MilForge.Mil.Verification;
using MilForge.Numerics;
using MilForge.Onnx.Protos;
using MilForge.Onnx.Reading;

namespace MilForge.Onnx.Import;

/// <summary>
/// Imports an ONNX model into a MIL program: graph inputs become function inputs (64-bit ints narrowed to int32,
/// double to fp32), each node is converted by its registered converter, constant subgraphs fold at import, and
/// graph outputs keep their (sanitized) names. An unsupported op stops the import with one diagnostic that lists
/// every unsupported op type with counts and node names.
/// </summary>
public sealed class OnnxImporter
{
    private readonly ImportOptions _options;

    /// <summary>Creates an importer.</summary>
    public OnnxImporter(ImportOptions? options = null) => _options = options ?? new ImportOptions();

    /// <summary>Imports a model.</summary>
    public ImportResult Import(OnnxModel model)
    {
        var program = MilProgram.WithMain(_options.Target);
        program.BuildInfo["milforge-source"] = "onnx";
        var function = program.Main;
        var builder = new MilBuilder(function.Body, _options.Catalog, _options.Folder);
        var state = new ImportState(model, builder, _options);
        var plan = Plan(model.Graph, state);
        var inputNames = AddInputs(model, function, state, _options.KnownInputs, _options.InputShapes);
        ConvertNodes(model.Graph, model.NodeNames, plan, state);
        builder.Origin = Origin.None;
        var outputNames = AddOutputs(model, function, state);
        new DeadCodeElimination().Run(program);
        var problems = MilVerifier.Verify(program, _options.Catalog).Where(d => d.Severity == Severity.Error).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The imported program does not verify:\n" + string.Join("\n", problems));
        }
        return new ImportResult(program, inputNames, outputNames, state.Diagnostics);
    }

    /// <summary>Imports a subgraph's nodes into its state's block and returns the values of its outputs.</summary>
    internal static IReadOnlyList<Value> ConvertSubgraph(Graph graph, ImportState state)
    {
        ConvertNodes(graph, OnnxModel.StableNodeNames(graph), Plan(graph, state), state);
        return [.. graph.Output.Select(o => state.Lookup(o.Name, null))];
    }

    private static void ConvertNodes(Graph graph, IReadOnlyList<string> names, List<(IOnnxConverter Converter, int Opset, int Since)> plan, ImportState state)
    {
        for (var i = 0; i < graph.Node.Count; i++)
        {
            var node = graph.Node[i];
            var (converter, opset, since) = plan[i];
            var context = new OnnxNodeContext(state, node, names[i], opset, since);
            try
            {
                converter.Convert(context);
            }
            catch (Exception e) when (e is not DiagnosticException)
            {
                throw new InvalidOperationException($"Converter {converter.GetType().Name} failed on node '{context.Name}' ({node.OpType}): {e.Message}", e);
            }
            for (var k = 0; k < node.Output.Count; k++)
            {
                if (context.HasOutput(k) && !IsBound(state, node.Output[k]))
                {
                    throw context.Error(DiagnosticCodes.OnnxConversionFailed, $"output {k} ('{node.Output[k]}') was not produced by the converter");
                }
            }
        }
    }

    private static bool IsBound(ImportState state, string name)
    {
        try
        {
            state.Lookup(name, null);
            return true;
        }
        catch (DiagnosticException)
        {
            return false;
        }
    }

    private static List<(IOnnxConverter Converter, int Opset, int Since)> Plan(Graph graph, ImportState state)
    {
        var (model, options) = (state.Model, state.Options);
        var names = graph == model.Graph ? model.NodeNames : OnnxModel.StableNodeNames(graph);
        var plan = new List<(IOnnxConverter, int, int)>();
        var missing = new List<(string Key, string Node)>();
        for (var i = 0; i < graph.Node.Count; i++)
        {
            var node = graph.Node[i];
            var domain = OnnxModel.NormalizeDomain(node.Domain);
            if (!model.Opsets.TryGetValue(domain, out var opset))
            {
                opset = domain.Length == 0 ? model.DefaultOpset : 1;
            }
            var display = domain.Length == 0 ? node.OpType : $"{domain}.{node.OpType}";
            if (options.Converters.Resolve(domain, node.OpType, opset) is { } found)
            {
                plan.Add((found.Converter, opset, found.Since));
            }
            else
            {
                var why = options.Converters.Knows(domain, node.OpType) ? $"{display} (opset {opset})" : display;
                missing.Add((why, names[i]));
            }
        }
        if (missing.Count > 0)
        {
            var groups = missing.GroupBy(m => m.Key).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} ×{g.Count()} ({string.Join(", ", g.Take(5).Select(m => $"'{m.Node}'"))}{(g.Count() > 5 ? ", ..." : "")})");
            throw new DiagnosticException(DiagnosticCodes.OnnxUnsupportedOp,
                $"{model.DisplayName}: {missing.Count} node(s) use ONNX ops MilForge cannot convert yet: {string.Join("; ", groups)}.");
        }
        return plan;
    }

    private static List<KeyValuePair<string, string>> AddInputs(OnnxModel model, Function function, ImportState state,
        IReadOnlyDictionary<string, Tensor> known, IReadOnlyDictionary<string, long[]> shapes)
    {
        var graphInputs = model.Graph.Input.Where(i => !state.IsInitializer(i.Name)).Select(i => i.Name).ToList();
        foreach (var name in shapes.Keys.Concat(known.Keys).Where(n => !graphInputs.Contains(n)).Distinct())
        {
            throw new DiagnosticException(DiagnosticCodes.OnnxBadInputSpec,
                $"{model.DisplayName}: '{name}' is not an input of the model; its inputs are {string.Join(", ", graphInputs.Select(n => $"'{n}'"))}.");
        }
        var names = new List<KeyValuePair<string, string>>();
        foreach (var input in model.Graph.Input)
        {
            if (state.IsInitializer(input.Name))
            {
                continue;
            }
            if (known.TryGetValue(input.Name, out var knownValue))
            {
                state.BindKnownInput(input.Name, knownValue);
                continue;
            }
            var type = InputType(model, input, state);
            if (shapes.TryGetValue(input.Name, out var fixedShape))
            {
                type = WithShape(model, input.Name, type, fixedShape);
            }
            else if (!type.Shape.IsStatic)
            {
                var example = string.Join("x", type.Shape.Dims.Select(d => d.IsKnown ? d.Size.ToString(System.Globalization.CultureInfo.InvariantCulture) : d.Symbol));
                state.Diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.OnnxSymbolicInput,
                    $"Graph input '{input.Name}' has symbolic dims {type.Shape}: the package declares them flexible (1 or more) and `run` uses 1 for each; fix them with --input {input.Name}:{example} (numbers in place of the names)."));
            }
            var name = function.Names.IsUsed(NameScope.Sanitize(input.Name)) ? function.Names.Unique(input.Name) : NameScope.Sanitize(input.Name);
            var value = function.AddInput(name, type);
            state.Bind(input.Name, value, null);
            names.Add(new(input.Name, name));
        }
        return names;
    }

    private static TensorType InputType(OnnxModel model, ValueInfo input, ImportState state)
    {
        if (input.Type?.TensorType is not { } tensorType)
        {
            throw new DiagnosticException(DiagnosticCodes.OnnxUnsupportedType,
                $"{model.DisplayName}: graph input '{input.Name}' is not a tensor (sequences, maps and optionals are not supported).");
        }
        var dataType = OnnxDataTypes.ToDataType(tensorType.ElemType)
            ?? throw new DiagnosticException(DiagnosticCodes.OnnxUnsupportedType,
                $"{model.DisplayName}: graph input '{input.Name}' has element type {OnnxDataTypes.Name(tensorType.ElemType)}, which is not supported: {OnnxDataTypes.WhyUnsupported(tensorType.ElemType)}.");
        if (dataType == DataType.String)
        {
            throw new DiagnosticException(DiagnosticCodes.OnnxUnsupportedType,
                $"{model.DisplayName}: graph input '{input.Name}' is a string tensor; Core ML ML Programs take numeric inputs only.");
        }
        var milType = OnnxDataTypes.ToMil(dataType);
        if (milType != dataType)
        {
            state.Diagnostics.Add(Diagnostic.Info(DiagnosticCodes.OnnxUnsupportedType,
                $"Graph input '{input.Name}' is {dataType.MilName()}; Core ML has no such type, so the model takes {milType.MilName()}."));
        }
        var dims = (tensorType.Shape?.Dim ?? []).Select((d, i) => d.ValueCase switch
        {
            ShapeInfo.Types.Dimension.ValueOneofCase.DimValue when d.DimValue >= 0 => Dim.Of(d.DimValue),
            ShapeInfo.Types.Dimension.ValueOneofCase.DimParam => Dim.Of(NameScope.Sanitize(d.DimParam)),
            _ => Dim.Of($"{NameScope.Sanitize(input.Name)}_d{i}"),
        });
        return new TensorType(milType, new Shape(dims));
    }

    /// <summary>The input's type with a given shape, which must have its rank and agree with its fixed dims.</summary>
    private static TensorType WithShape(OnnxModel model, string name, TensorType declared, long[] shape)
    {
        var text = string.Join("x", shape);
        if (shape.Length != declared.Rank)
        {
            throw new DiagnosticException(DiagnosticCodes.OnnxBadInputSpec,
                $"{model.DisplayName}: the shape {text} given for input '{name}' has rank {shape.Length}; the model declares {declared.Shape} (rank {declared.Rank}).");
        }
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 1 || (declared.Shape[i].IsKnown && declared.Shape[i].Size != shape[i]))
            {
                throw new DiagnosticException(DiagnosticCodes.OnnxBadInputSpec,
                    $"{model.DisplayName}: the shape {text} given for input '{name}' does not fit the declared {declared.Shape} at dim {i}.");
            }
        }
        return new TensorType(declared.DataType, new Shape(shape.Select(Dim.Of)));
    }

    private static List<KeyValuePair<string, string>> AddOutputs(OnnxModel model, Function function, ImportState state)
    {
        var names = new List<KeyValuePair<string, string>>();
        var used = new HashSet<Value>();
        var builder = new MilBuilder(function.Body, OpCatalogFor(state)) { Origin = Origin.None };
        foreach (var output in model.Graph.Output)
        {
            var value = state.Lookup(output.Name, null);
            var desired = NameScope.Sanitize(output.Name);
            if (value.Producer is null && function.Inputs.Contains(value) && value.Name == desired)
            {
                // MIL names every value once, and Core ML needs distinct input and output features.
                desired = function.Names.IsUsed($"{desired}_out") ? function.Names.Unique($"{desired}_out") : $"{desired}_out";
                state.Diagnostics.Add(Diagnostic.Warning(DiagnosticCodes.OnnxRenamedOutput,
                    $"Graph output '{output.Name}' is the graph input of that name; Core ML needs distinct input and output names, so the package's output is '{desired}'."));
            }
            if (value.Name != desired || value.Producer is null || used.Contains(value))
            {
                // Graph inputs, repeated outputs and values named otherwise get an identity carrying the output name.
                value = builder.Single("identity", new() { { "x", value } }, desired);
            }
            used.Add(value);
            function.Body.AddOutput(value);
            names.Add(new(output.Name, value.Name));
        }
        return names;
    }

    private static Mil.Ops.OpCatalog OpCatalogFor(ImportState state) => state.Builder.Catalog;
}
