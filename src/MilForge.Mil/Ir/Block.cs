namespace MilForge.Mil;

/// <summary>An ordered list of ops in SSA form, with block inputs (for nested blocks) and outputs.</summary>
public sealed class Block
{
    private readonly List<Operation> _operations = [];
    private readonly List<Value> _inputs = [];
    private readonly List<Value> _outputs = [];

    internal Block(Function function, Operation? parentOp)
    {
        Function = function;
        ParentOp = parentOp;
    }

    /// <summary>The function this block belongs to.</summary>
    public Function Function { get; }

    /// <summary>The op owning this block; null for a function body.</summary>
    public Operation? ParentOp { get; }

    /// <summary>Block inputs (loop variables of nested blocks; empty for a function body).</summary>
    public IReadOnlyList<Value> Inputs => _inputs;

    /// <summary>The ops, in execution order.</summary>
    public IReadOnlyList<Operation> Operations => _operations;

    /// <summary>The values the block returns.</summary>
    public IReadOnlyList<Value> Outputs => _outputs;

    /// <summary>Adds a block input.</summary>
    public Value AddInput(string name, MilType type)
    {
        var value = new Value(Function.Names.Unique(name), type, null, 0);
        _inputs.Add(value);
        return value;
    }

    /// <summary>Appends a value to the block's outputs.</summary>
    public void AddOutput(Value value) => _outputs.Add(value);

    /// <summary>Replaces output <paramref name="index"/> with <paramref name="value"/>.</summary>
    public void SetOutput(int index, Value value) => _outputs[index] = value;

    internal void Append(Operation op)
    {
        op.Parent = this;
        op.Attach();
        _operations.Add(op);
    }

    internal void InsertBefore(Operation anchor, Operation op)
    {
        var index = _operations.IndexOf(anchor);
        if (index < 0)
        {
            throw new InvalidOperationException($"{anchor} is not in this block.");
        }
        op.Parent = this;
        op.Attach();
        _operations.Insert(index, op);
    }

    /// <summary>Removes an op whose outputs are no longer used.</summary>
    public void Remove(Operation op)
    {
        if (op.Outputs.Any(o => o.Consumers.Count > 0 || IsOutputAnywhere(o)))
        {
            throw new InvalidOperationException($"{op} still has uses.");
        }
        op.Detach();
        _operations.Remove(op);
        op.Parent = null;
    }

    /// <summary>Points every use of <paramref name="old"/> (op inputs and block outputs, nested blocks included) at <paramref name="replacement"/>.</summary>
    public static void ReplaceAllUses(Value old, Value replacement)
    {
        foreach (var consumer in old.Consumers.Distinct().ToList())
        {
            consumer.ReplaceInput(old, replacement);
        }
        // Block outputs are not tracked as consumers; walk the function.
        var function = old.Producer?.Parent?.Function;
        if (function is null)
        {
            return;
        }
        foreach (var block in function.AllBlocks())
        {
            for (var i = 0; i < block._outputs.Count; i++)
            {
                if (block._outputs[i] == old)
                {
                    block._outputs[i] = replacement;
                }
            }
        }
    }

    private bool IsOutputAnywhere(Value value) => Function.AllBlocks().Any(b => b._outputs.Contains(value));

    /// <summary>This block and every block nested in its ops, depth first.</summary>
    public IEnumerable<Block> SelfAndNested()
    {
        yield return this;
        foreach (var op in _operations)
        {
            foreach (var inner in op.Blocks)
            {
                foreach (var b in inner.SelfAndNested())
                {
                    yield return b;
                }
            }
        }
    }
}
