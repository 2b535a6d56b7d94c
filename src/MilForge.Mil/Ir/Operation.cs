using System.Collections.Immutable;
using MilForge.Diagnostics;
using MilForge.Mil.Ops;
using MilForge.Numerics;

namespace MilForge.Mil;

/// <summary>
/// One MIL operation: its definition, named input bindings, outputs, nested blocks (control flow), attributes
/// (the <c>val</c> of a <c>const</c>) and the source node it came from.
/// </summary>
public sealed class Operation
{
    private Dictionary<string, Argument> _inputs;
    private readonly List<Value> _outputs = [];
    private readonly List<Block> _blocks = [];

    internal Operation(OpDefinition definition, string name, Dictionary<string, Argument> inputs,
        IReadOnlyDictionary<string, Tensor> attributes, Origin origin)
    {
        Definition = definition;
        Name = name;
        _inputs = inputs;
        Attributes = attributes;
        Origin = origin;
    }

    /// <summary>The op definition (type, input spec, inference).</summary>
    public OpDefinition Definition { get; internal set; }

    /// <summary>The MIL op type, e.g. <c>conv</c>.</summary>
    public string Type => Definition.Name;

    /// <summary>The op's name (MIL attribute <c>name</c>).</summary>
    public string Name { get; internal set; }

    /// <summary>Input bindings by parameter name, in the definition's order.</summary>
    public IReadOnlyDictionary<string, Argument> Inputs => _inputs;

    /// <summary>The outputs.</summary>
    public IReadOnlyList<Value> Outputs => _outputs;

    /// <summary>The first (often only) output.</summary>
    public Value Output => _outputs[0];

    /// <summary>Nested blocks (for <c>cond</c> and <c>while_loop</c>).</summary>
    public IReadOnlyList<Block> Blocks => _blocks;

    /// <summary>Extra attributes; a <c>const</c> op holds its value under <c>val</c>.</summary>
    public IReadOnlyDictionary<string, Tensor> Attributes { get; internal set; }

    /// <summary>The source node this op came from (settable so readers can restore origins stored beside a program).</summary>
    public Origin Origin { get; set; }

    /// <summary>The block holding this op; null until it is inserted.</summary>
    public Block? Parent { get; internal set; }

    /// <summary>True for <c>const</c> ops.</summary>
    public bool IsConst => Definition.Name == "const";

    /// <summary>The value bound to a non-tuple input, or null when the input is absent.</summary>
    public Value? Input(string name) => _inputs.TryGetValue(name, out var a) ? a.Value : null;

    /// <summary>Every value this op reads, in parameter order.</summary>
    public IEnumerable<Value> InputValues => _inputs.Values.SelectMany(a => a.Values);

    internal void AddOutput(Value value) => _outputs.Add(value);

    internal void AddBlock(Block block) => _blocks.Add(block);

    internal void Attach()
    {
        foreach (var v in InputValues)
        {
            v.AddConsumer(this);
        }
    }

    internal void Detach()
    {
        foreach (var v in InputValues)
        {
            v.RemoveConsumer(this);
        }
        DetachNested();
    }

    /// <summary>Drops the uses made by the ops of this op's blocks, so values read only inside them look unused.</summary>
    internal void DetachNested()
    {
        foreach (var op in _blocks.SelectMany(b => b.Operations))
        {
            op.Detach();
        }
    }

    /// <summary>Rebinds every use of <paramref name="old"/> among this op's inputs to <paramref name="replacement"/>.</summary>
    public void ReplaceInput(Value old, Value replacement)
    {
        var changed = new Dictionary<string, Argument>(_inputs.Count);
        foreach (var (key, arg) in _inputs)
        {
            if (arg.Values.Contains(old))
            {
                var values = arg.Values.Select(v => v == old ? replacement : v).ToImmutableArray();
                changed[key] = new Argument(values, arg.IsTuple);
                foreach (var v in arg.Values.Where(v => v == old))
                {
                    old.RemoveConsumer(this);
                    replacement.AddConsumer(this);
                }
            }
            else
            {
                changed[key] = arg;
            }
        }
        _inputs = changed;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Type} '{Name}'";
}
