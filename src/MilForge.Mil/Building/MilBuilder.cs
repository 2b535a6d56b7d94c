using MilForge.Diagnostics;
using MilForge.Mil.Ops;
using MilForge.Numerics;

namespace MilForge.Mil.Building;

/// <summary>
/// Creates ops in one block. Each op is checked against its definition (input names, type domains, constness,
/// availability at the function's target), its defaults are written out as consts, its output types are inferred,
/// and — when a constant folder is given and every input is constant — it is replaced by its folded value.
/// The builder is an ordinary object: no ambient "current block".
/// </summary>
public sealed class MilBuilder
{
    /// <summary>Creates a builder appending to <paramref name="block"/>.</summary>
    public MilBuilder(Block block, OpCatalog? catalog = null, IConstantFolder? folder = null)
    {
        Block = block;
        Catalog = catalog ?? OpCatalog.Default;
        Folder = folder;
    }

    /// <summary>The block ops are added to.</summary>
    public Block Block { get; }

    /// <summary>The function of <see cref="Block"/>.</summary>
    public Function Function => Block.Function;

    /// <summary>The op catalog used to resolve op types.</summary>
    public OpCatalog Catalog { get; }

    /// <summary>Evaluates ops whose inputs are all constant; null disables folding.</summary>
    public IConstantFolder? Folder { get; set; }

    /// <summary>The origin stamped on every op built from now on.</summary>
    public Origin Origin { get; set; } = Origin.None;

    /// <summary>When set, new ops are inserted before this op instead of appended.</summary>
    public Operation? InsertBefore { get; set; }

    /// <summary>Creates a builder for another block of the same function, sharing catalog, folder and origin.</summary>
    public MilBuilder ForBlock(Block block) => new(block, Catalog, Folder) { Origin = Origin };

    /// <summary>Adds a <c>const</c> op holding <paramref name="value"/>; with <paramref name="exactName"/> the name is used as is (MIL2005 if taken).</summary>
    public Value Const(Tensor value, string? name = null, bool exactName = false)
    {
        var def = Catalog.Resolve("const", Function.Target)!;
        var opName = exactName ? Reserve(def, name!, name!) : Function.Names.Unique(name ?? "const");
        var op = new Operation(def, opName, [], new Dictionary<string, Tensor> { ["val"] = value }, Origin);
        op.AddOutput(new Value(opName, new TensorType(value.DataType, Numerics.Shape.Of(value.Shape)), op, 0));
        Insert(op);
        return op.Output;
    }

    /// <summary>Builds a single-output op and returns its output.</summary>
    public Value Single(string opType, OpArgs args, string? name = null) => Build(opType, args, name)[0];

    /// <summary>
    /// Builds an op and returns its outputs. When the op was folded, the outputs are the values of the new consts
    /// (same names and types); otherwise <c>outputs[0].Producer</c> is the new op.
    /// </summary>
    /// <param name="opType">The MIL op type.</param>
    /// <param name="args">The inputs.</param>
    /// <param name="name">A name hint for the op (made unique), or, with <paramref name="outputNames"/>, the exact op name.</param>
    /// <param name="outputNames">Exact output names (used when reading a serialized program); MIL2005 when one is taken.</param>
    /// <param name="fillBlocks">
    /// For control flow: fills the op's nested blocks (inputs, ops, outputs) before its output types are inferred
    /// from them; the op itself is inserted after its blocks are complete.
    /// </param>
    public IReadOnlyList<Value> Build(string opType, OpArgs args, string? name = null, IReadOnlyList<string>? outputNames = null,
        Action<IReadOnlyList<Block>>? fillBlocks = null)
    {
        var def = Catalog.Resolve(opType, Function.Target);
        if (def is null)
        {
            var oldest = Catalog.Oldest(opType);
            throw oldest is null
                ? new DiagnosticException(DiagnosticCodes.MilUnknownOp, $"Unknown MIL op type '{opType}'.", Origin)
                : new DiagnosticException(DiagnosticCodes.MilOpUnavailable,
                    $"MIL op '{opType}' needs deployment target {oldest.Since} or later; the program targets {Function.Target}.", Origin);
        }
        var opName = outputNames is null ? Function.Names.Unique(name ?? opType) : name ?? outputNames.FirstOrDefault() ?? opType;
        var bindings = Bind(def, opName, args);
        var context = new OpInputs(def, opName, bindings, Origin, Function.Target);
        TypeChecker.Check(context);
        AddDefaults(def, opName, bindings, context);
        var ordered = new Dictionary<string, Argument>(StringComparer.Ordinal);
        foreach (var spec in def.Inputs)
        {
            if (bindings.TryGetValue(spec.Name, out var a))
            {
                ordered[spec.Name] = a;
            }
        }
        var op = new Operation(def, opName, ordered, new Dictionary<string, Tensor>(), Origin);
        for (var i = 0; i < def.BlockCount; i++)
        {
            op.AddBlock(new Block(Function, op));
        }
        var types = InferTypes(op, bindings, context, fillBlocks);
        if (outputNames is not null && outputNames.Count != types.Count)
        {
            throw Malformed(def, opName, $"has {types.Count} outputs, {outputNames.Count} names were given");
        }
        for (var i = 0; i < types.Count; i++)
        {
            var outName = outputNames is not null ? Reserve(def, opName, outputNames[i])
                : types.Count == 1 ? opName : Function.Names.Unique($"{opName}_{i}");
            op.AddOutput(new Value(outName, types[i], op, i));
        }
        if (TryFold(op) is { } folded)
        {
            return folded;
        }
        Insert(op);
        return op.Outputs;
    }

    private IReadOnlyList<MilType> InferTypes(Operation op, Dictionary<string, Argument> bindings, OpInputs context,
        Action<IReadOnlyList<Block>>? fillBlocks)
    {
        var def = op.Definition;
        if (def.BlockCount == 0)
        {
            return fillBlocks is null ? def.InferTypes(context) : throw Malformed(def, op.Name, "has no nested blocks to fill");
        }
        if (fillBlocks is null)
        {
            throw Malformed(def, op.Name, $"needs its {def.BlockCount} nested blocks");
        }
        try
        {
            fillBlocks(op.Blocks);
            return def.InferTypes(new OpInputs(def, op.Name, bindings, Origin, Function.Target, op.Blocks));
        }
        catch
        {
            // The op is never inserted: its blocks' ops must not keep outer values alive.
            op.DetachNested();
            throw;
        }
    }

    private Dictionary<string, Argument> Bind(OpDefinition def, string opName, OpArgs args)
    {
        var bindings = new Dictionary<string, Argument>(StringComparer.Ordinal);
        foreach (var (key, arg) in args)
        {
            var spec = def.FindInput(key) ?? throw Malformed(def, opName, $"has no input named '{key}'");
            if (bindings.ContainsKey(key))
            {
                throw Malformed(def, opName, $"input '{key}' is given twice");
            }
            if (spec.IsTuple)
            {
                var values = arg.Tuple ?? (arg.Value is { } single ? new[] { single } : null)
                    ?? throw Malformed(def, opName, $"input '{key}' takes a tuple of values");
                if (values.Count == 0)
                {
                    throw Malformed(def, opName, $"input '{key}' takes at least one value");
                }
                bindings[key] = Argument.Tuple(values);
            }
            else if (arg.Tuple is not null)
            {
                throw Malformed(def, opName, $"input '{key}' takes one value, not a tuple");
            }
            else
            {
                var value = arg.Value ?? Const(arg.Constant!, $"{opName}_{key}");
                bindings[key] = Argument.Of(value);
            }
        }
        foreach (var spec in def.Inputs)
        {
            if (!spec.IsOptional && !bindings.ContainsKey(spec.Name))
            {
                throw Malformed(def, opName, $"required input '{spec.Name}' is missing");
            }
        }
        return bindings;
    }

    private void AddDefaults(OpDefinition def, string opName, Dictionary<string, Argument> bindings, OpInputs context)
    {
        foreach (var spec in def.Inputs)
        {
            if (spec.Default is not null && !bindings.ContainsKey(spec.Name))
            {
                bindings[spec.Name] = Argument.Of(Const(spec.Default(context), $"{opName}_{spec.Name}_0"));
            }
        }
    }

    private IReadOnlyList<Value>? TryFold(Operation op)
    {
        if (Folder is null || !op.Definition.IsFoldable || op.Definition.BlockCount > 0
            || op.Inputs.Count == 0 || !op.InputValues.All(v => v.IsConstant))
        {
            return null;
        }
        var results = Folder.TryFold(op);
        if (results is null || results.Count != op.Outputs.Count)
        {
            return null;
        }
        var def = Catalog.Resolve("const", Function.Target)!;
        var values = new List<Value>(results.Count);
        for (var i = 0; i < results.Count; i++)
        {
            var output = op.Outputs[i];
            var value = results[i].CastTo(output.DataType);
            var constOp = new Operation(def, output.Name, [], new Dictionary<string, Tensor> { ["val"] = value }, FoldedOrigin(op, value));
            constOp.AddOutput(new Value(output.Name, new TensorType(value.DataType, Numerics.Shape.Of(value.Shape)), constOp, 0));
            Insert(constOp);
            values.Add(constOp.Output);
        }
        return values;
    }

    // A folded layout change of one constant (a transposed or reshaped weight) keeps that constant's origin, so
    // reports can still name the source initializer; anything else takes the origin of the op being built.
    private Origin FoldedOrigin(Operation op, Tensor result)
    {
        var source = op.InputValues.Where(v => v.ConstantValue?.Length == result.Length && result.Length > 1)
            .OrderByDescending(v => v.ConstantValue!.Length).FirstOrDefault();
        return source?.Producer?.Origin is { IsNone: false } origin && origin != Origin
            ? origin.WithPass($"folded {op.Type}")
            : Origin;
    }

    private void Insert(Operation op)
    {
        if (InsertBefore is { } anchor)
        {
            Block.InsertBefore(anchor, op);
        }
        else
        {
            Block.Append(op);
        }
    }

    private string Reserve(OpDefinition def, string opName, string valueName)
    {
        if (!NameScope.IsValidIdentifier(valueName))
        {
            throw Malformed(def, opName, $"output name '{valueName}' is not a valid MIL identifier");
        }
        return Function.Names.Reserve(valueName) ? valueName : throw Malformed(def, opName, $"output name '{valueName}' is already defined");
    }

    private DiagnosticException Malformed(OpDefinition def, string opName, string message) =>
        new(DiagnosticCodes.MilMalformed, $"{def.Name} '{opName}': {message}.", Origin);
}
