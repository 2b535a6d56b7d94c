namespace MilForge.Mil;

/// <summary>A MIL function: typed inputs, a deployment target (which fixes the opset) and a body block.</summary>
public sealed class Function
{
    private readonly List<Value> _inputs = [];

    /// <summary>Creates an empty function.</summary>
    public Function(string name, DeploymentTarget target)
    {
        Name = name;
        Target = target;
        Names = new NameScope();
        Body = new Block(this, null);
    }

    /// <summary>The function's name (<c>main</c> for the model's entry point).</summary>
    public string Name { get; }

    /// <summary>The deployment target; ops newer than it are rejected.</summary>
    public DeploymentTarget Target { get; set; }

    /// <summary>The function's inputs, in order (the model's input features for <c>main</c>).</summary>
    public IReadOnlyList<Value> Inputs => _inputs;

    /// <summary>The body.</summary>
    public Block Body { get; }

    /// <summary>The function's value names, so that every new name is unique.</summary>
    public NameScope Names { get; }

    /// <summary>Adds a function input with exactly <paramref name="name"/> (it must be a valid, unused identifier).</summary>
    public Value AddInput(string name, MilType type)
    {
        if (!NameScope.IsValidIdentifier(name) || !Names.Reserve(name))
        {
            throw new ArgumentException($"'{name}' is not a valid, unused MIL identifier.", nameof(name));
        }
        var value = new Value(name, type, null, 0);
        _inputs.Add(value);
        return value;
    }

    /// <summary>Replaces the type of input <paramref name="index"/> (used when changing I/O precision).</summary>
    public void SetInputType(int index, MilType type) => _inputs[index].Type = type;

    /// <summary>Renames a value to an unused valid identifier (used to keep user-facing output names after a rewrite).</summary>
    public void Rename(Value value, string name)
    {
        if (value.Name == name)
        {
            return;
        }
        if (!NameScope.IsValidIdentifier(name) || !Names.Reserve(name))
        {
            throw new ArgumentException($"'{name}' is not a valid, unused MIL identifier.", nameof(name));
        }
        Names.Release(value.Name);
        if (value.Producer is { } op && op.Name == value.Name && op.Outputs.Count == 1)
        {
            op.Name = name;
        }
        value.Name = name;
    }

    /// <summary>The body and every nested block.</summary>
    public IEnumerable<Block> AllBlocks() => Body.SelfAndNested();

    /// <summary>Every op in the function, nested blocks included, in program order.</summary>
    public IEnumerable<Operation> AllOperations() => AllBlocks().SelectMany(b => b.Operations);
}
