using MilForge.CoreML.Protos;
using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Mil.Building;
using MilForge.Mil.Ops;
using MilForge.Numerics;

namespace MilForge.CoreML.Serialization;

/// <summary>
/// Reads a MIL protobuf program into the IR by replaying it through the builder, so every op is checked by its
/// definition exactly as when it was built (coremltools' milproto loader works the same way). Accepts inputs bound
/// by name and by literal value, and constant inputs written as attributes (iOS16/17 <c>constexpr_*</c> ops). Unknown ops, undefined names and types that disagree with inference are PKG3004
/// diagnostics naming the op.
/// </summary>
public sealed class ProgramDeserializer
{
    private readonly Func<string, ulong, DataType, int[], Tensor> _readBlob;
    private readonly OpCatalog _catalog;
    private readonly string _where;
    private int _symbols;

    /// <summary>Creates a deserializer; <paramref name="readBlob"/> resolves (fileName, offset, dtype, shape) to a tensor.</summary>
    public ProgramDeserializer(Func<string, ulong, DataType, int[], Tensor> readBlob, string where, OpCatalog? catalog = null)
    {
        _readBlob = readBlob;
        _where = where;
        _catalog = catalog ?? OpCatalog.Default;
    }

    /// <summary>Deserializes a program; <paramref name="specificationVersion"/> picks the target when an opset string is unknown.</summary>
    public MilProgram Deserialize(Protos.Program proto, int specificationVersion)
    {
        var program = new MilProgram();
        if (proto.Functions.Count == 0)
        {
            throw Bad("the ML Program has no functions");
        }
        foreach (var (name, function) in proto.Functions)
        {
            program.Functions[name] = Deserialize(name, function, specificationVersion);
        }
        if (proto.Attributes.TryGetValue("buildInfo", out var info) && info.ImmediateValue?.Dictionary is { } dictionary)
        {
            foreach (var pair in dictionary.Values)
            {
                var key = pair.Key?.ImmediateValue?.Tensor?.Strings?.Values.FirstOrDefault();
                var value = pair.Value?.ImmediateValue?.Tensor?.Strings?.Values.FirstOrDefault();
                if (key is not null && value is not null)
                {
                    program.BuildInfo[key] = value;
                }
            }
        }
        return program;
    }

    private Function Deserialize(string name, MilFunction proto, int specificationVersion)
    {
        var target = DeploymentTargets.FromOpset(proto.Opset) ?? DeploymentTargets.FromSpecificationVersion(specificationVersion)
            ?? (specificationVersion > (int)DeploymentTarget.iOS18 ? DeploymentTarget.iOS18
                : throw Bad($"function '{name}' has opset '{proto.Opset}' and specification version {specificationVersion}, which MilForge does not know"));
        if (!proto.BlockSpecializations.TryGetValue(proto.Opset, out var block))
        {
            block = proto.BlockSpecializations.Count == 1 ? proto.BlockSpecializations.Values.First()
                : throw Bad($"function '{name}' has no block for its opset '{proto.Opset}'");
        }
        var function = new Function(name, target);
        foreach (var input in proto.Inputs)
        {
            var type = MilTypeCodec.FromProto(input.Type ?? new MilValueType(), NextSymbol, $"{_where}: input '{input.Name}'");
            if (!NameScope.IsValidIdentifier(input.Name) || function.Names.IsUsed(input.Name))
            {
                throw Bad($"function input name '{input.Name}' is not a valid, unique identifier");
            }
            function.AddInput(input.Name, type);
        }
        var values = function.Inputs.ToDictionary(v => v.Name, StringComparer.Ordinal);
        var builder = new MilBuilder(function.Body, _catalog);
        ReadBlock(block, builder, values);
        return function;
    }

    private void ReadBlock(MilBlock block, MilBuilder builder, Dictionary<string, Value> values)
    {
        if (block.Inputs.Count > 0 && builder.Block.ParentOp is null)
        {
            throw Bad("the function body declares block inputs");
        }
        for (var index = 0; index < block.Operations.Count; index++)
        {
            ReadOperation(block.Operations[index], index, builder, values);
        }
        foreach (var output in block.Outputs)
        {
            builder.Block.AddOutput(values.TryGetValue(output, out var v) ? v : throw Bad($"block output '{output}' is not defined"));
        }
    }

    private void ReadOperation(MilOperation op, int index, MilBuilder builder, Dictionary<string, Value> values)
    {
        var opName = op.Attributes.TryGetValue("name", out var n) && n.ImmediateValue?.Tensor?.Strings?.Values.FirstOrDefault() is { } s ? s : null;
        var where = $"op #{index} ({op.Type}{(opName is null ? "" : $" '{opName}'")})";
        if (op.Type == "const")
        {
            if (op.Outputs.Count != 1 || !op.Attributes.TryGetValue("val", out var val))
            {
                throw Bad($"{where}: a const needs one output and a 'val' attribute");
            }
            var tensor = ReadValue(val, $"{where} val");
            values[op.Outputs[0].Name] = builder.Const(tensor, op.Outputs[0].Name, exactName: true);
            CheckDeclared(op.Outputs[0], values[op.Outputs[0].Name], where);
            return;
        }
        var definition = _catalog.Resolve(op.Type, builder.Function.Target);
        if (definition is null)
        {
            throw new DiagnosticException(_catalog.Contains(op.Type) ? DiagnosticCodes.MilOpUnavailable : DiagnosticCodes.MilUnknownOp,
                $"{_where}: {where}: op type '{op.Type}' is {(_catalog.Contains(op.Type) ? $"not available at {builder.Function.Target}" : "not supported by MilForge")}.");
        }
        var args = new OpArgs();
        foreach (var (param, argument) in op.Inputs)
        {
            var spec = definition.FindInput(param) ?? throw Bad($"{where}: '{op.Type}' has no input named '{param}'");
            var bound = argument.Arguments.Select(b => b.BindingCase switch
            {
                MilArgument.Types.Binding.BindingOneofCase.Name => values.TryGetValue(b.Name, out var v) ? v
                    : throw Bad($"{where}: input '{param}' refers to '{b.Name}', which is not defined before it"),
                MilArgument.Types.Binding.BindingOneofCase.Value => builder.Const(ReadValue(b.Value, $"{where} input '{param}'"), $"{opName ?? op.Type}_{param}"),
                _ => throw Bad($"{where}: input '{param}' has an empty binding"),
            }).ToArray();
            if (spec.IsTuple)
            {
                args.Add(param, bound);
            }
            else if (bound.Length == 1)
            {
                args.Add(param, bound[0]);
            }
            else
            {
                throw Bad($"{where}: input '{param}' binds {bound.Length} values but takes one");
            }
        }
        foreach (var (key, attribute) in op.Attributes)
        {
            // Up to iOS17, constexpr_* ops carry their constant inputs as attributes named like the inputs.
            if (key != "name" && definition.FindInput(key) is not null)
            {
                args.Add(key, builder.Const(ReadValue(attribute, $"{where} attribute '{key}'"), $"{opName ?? op.Type}_{key}"));
            }
        }
        if (op.Blocks.Count != definition.BlockCount)
        {
            throw Bad($"{where}: '{op.Type}' has {definition.BlockCount} nested blocks, the op declares {op.Blocks.Count}");
        }
        var names = op.Outputs.Select(o => o.Name).ToList();
        var outputs = builder.Build(op.Type, args, opName, names,
            op.Blocks.Count == 0 ? null : blocks => ReadNestedBlocks(op, where, blocks, builder, values));
        for (var i = 0; i < outputs.Count; i++)
        {
            values[names[i]] = outputs[i];
            CheckDeclared(op.Outputs[i], outputs[i], where);
        }
    }

    /// <summary>
    /// Fills the blocks of a control-flow op. Each block sees the values defined before the op plus its own inputs;
    /// sibling blocks may declare inputs with the same name (coremltools' loop blocks do), so block inputs get
    /// unique names in the IR while lookups follow the proto's names.
    /// </summary>
    private void ReadNestedBlocks(MilOperation op, string where, IReadOnlyList<Block> blocks, MilBuilder builder, Dictionary<string, Value> values)
    {
        for (var i = 0; i < blocks.Count; i++)
        {
            var scope = new Dictionary<string, Value>(values, StringComparer.Ordinal);
            foreach (var input in op.Blocks[i].Inputs)
            {
                var type = MilTypeCodec.FromProto(input.Type ?? new MilValueType(), NextSymbol, $"{_where}: {where}: block {i} input '{input.Name}'");
                scope[input.Name] = blocks[i].AddInput(input.Name, type);
            }
            ReadBlock(op.Blocks[i], builder.ForBlock(blocks[i]), scope);
        }
    }

    private void CheckDeclared(NamedValueType declared, Value actual, string where)
    {
        if (declared.Type is null)
        {
            return;
        }
        var type = MilTypeCodec.FromProto(declared.Type, NextSymbol, $"{_where}: {where}");
        if (type is Mil.TensorType t && actual.Type is Mil.TensorType a)
        {
            var sameShape = t.Rank == a.Rank && t.Shape.Dims.Zip(a.Shape.Dims).All(p => !p.First.IsKnown || !p.Second.IsKnown || p.First == p.Second);
            if (t.DataType == a.DataType && sameShape)
            {
                return;
            }
        }
        throw Bad($"{where}: output '{declared.Name}' is declared {type}, but its inputs give {actual.Type}");
    }

    private Tensor ReadValue(MilValue value, string where)
    {
        if (value.Type?.TensorType is not { } tensorType)
        {
            throw Bad($"{where}: only tensor values are supported");
        }
        var type = MilTypeCodec.FromProto(tensorType, NextSymbol, $"{_where}: {where}");
        if (!type.Shape.IsStatic)
        {
            throw Bad($"{where}: a constant needs a static shape");
        }
        var shape = type.Shape.ToStatic();
        return value.ValueCase switch
        {
            MilValue.ValueOneofCase.ImmediateValue when value.ImmediateValue.Tensor is { } t => TensorValueCodec.Decode(t, type.DataType, shape, $"{_where}: {where}"),
            MilValue.ValueOneofCase.BlobFileValue => _readBlob(value.BlobFileValue.FileName, value.BlobFileValue.Offset, type.DataType, shape),
            _ => throw Bad($"{where}: value has neither an immediate tensor nor a blob reference"),
        };
    }

    private string NextSymbol() => $"s{_symbols++}";

    private DiagnosticException Bad(string message) => new(DiagnosticCodes.PkgBadModel, $"{_where}: {message}.");
}
