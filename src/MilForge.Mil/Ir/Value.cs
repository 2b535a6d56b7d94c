using MilForge.Numerics;

namespace MilForge.Mil;

/// <summary>
/// An SSA value: an op output, or an input of a function or nested block. Values know their producer and their
/// consumers, so replacing all uses and removing dead code are cheap.
/// </summary>
public sealed class Value
{
    private readonly List<Operation> _consumers = [];

    internal Value(string name, MilType type, Operation? producer, int outputIndex)
    {
        Name = name;
        Type = type;
        Producer = producer;
        OutputIndex = outputIndex;
    }

    /// <summary>The value's identifier, unique within its function.</summary>
    public string Name { get; internal set; }

    /// <summary>The value's type.</summary>
    public MilType Type { get; internal set; }

    /// <summary>The tensor type; throws when the value is not a tensor.</summary>
    public TensorType TensorType => Type as TensorType
        ?? throw new InvalidOperationException($"Value '{Name}' is a {Type}, not a tensor.");

    /// <summary>The element type of a tensor value.</summary>
    public DataType DataType => TensorType.DataType;

    /// <summary>The shape of a tensor value.</summary>
    public Shape Shape => TensorType.Shape;

    /// <summary>The op that produces the value; null for function and block inputs.</summary>
    public Operation? Producer { get; internal set; }

    /// <summary>Which output of <see cref="Producer"/> this is.</summary>
    public int OutputIndex { get; internal set; }

    /// <summary>The constant payload when the producer is a <c>const</c> op; null otherwise.</summary>
    public Tensor? ConstantValue => Producer is { IsConst: true } p ? p.Attributes["val"] : null;

    /// <summary>True when the value is produced by a <c>const</c> op.</summary>
    public bool IsConstant => Producer is { IsConst: true };

    /// <summary>Ops that read this value (an op appears once per input it binds the value to).</summary>
    public IReadOnlyList<Operation> Consumers => _consumers;

    internal void AddConsumer(Operation op) => _consumers.Add(op);

    internal void RemoveConsumer(Operation op) => _consumers.Remove(op);

    /// <inheritdoc />
    public override string ToString() => $"%{Name}: {Type}";
}
