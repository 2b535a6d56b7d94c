using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Precision.Static;

/// <summary>
/// What a transfer function sees of the op it bounds: the bounds of its inputs, the constant tensors (parameters and
/// weights), and the declared shapes. A transfer function marks its result estimated through <see cref="Estimate"/>.
/// </summary>
public sealed class TransferContext
{
    private readonly Func<Value, Interval> _bound;
    private readonly Func<Value, Tensor?> _constant;

    internal TransferContext(Operation op, Func<Value, Interval> bound, Func<Value, Tensor?> constant)
    {
        Op = op;
        _bound = bound;
        _constant = constant;
    }

    /// <summary>The op being bounded.</summary>
    public Operation Op { get; }

    /// <summary>Why the result is only estimated; null while it is proven.</summary>
    public string? Estimated { get; private set; }

    /// <summary>Marks the result estimated, with the reason.</summary>
    public void Estimate(string reason) => Estimated ??= reason;

    /// <summary>True when the input is bound.</summary>
    public bool Has(string name) => Op.Input(name) is not null;

    /// <summary>The bound of a required input.</summary>
    public Interval Input(string name) => Op.Input(name) is { } v ? _bound(v) : Interval.Unbounded;

    /// <summary>The bounds of a tuple input.</summary>
    public IEnumerable<Interval> Tuple(string name) => Op.Inputs.TryGetValue(name, out var a) ? a.Values.Select(_bound) : [];

    /// <summary>The constant tensor bound to an input, or null when it is absent or computed.</summary>
    public Tensor? Constant(string name) => Op.Input(name) is { } v ? _constant(v) : null;

    /// <summary>A scalar float parameter, or <paramref name="fallback"/> when absent.</summary>
    public double Float(string name, double fallback) => Constant(name) is { Length: > 0 } t ? (float)t.GetDouble(0) : fallback;

    /// <summary>A scalar int parameter, or <paramref name="fallback"/> when absent.</summary>
    public long Int(string name, long fallback) => Constant(name) is { Length: > 0 } t ? t.GetLong(0) : fallback;

    /// <summary>A scalar bool parameter, or <paramref name="fallback"/> when absent.</summary>
    public bool Bool(string name, bool fallback) => Constant(name) is { Length: > 0 } t ? t.GetLong(0) != 0 : fallback;

    /// <summary>A string parameter, or <paramref name="fallback"/> when absent.</summary>
    public string String(string name, string fallback) => Constant(name) is { DataType: DataType.String, Length: > 0 } t ? t.Storage<string>()[0] : fallback;

    /// <summary>The declared shape of an input.</summary>
    public Shape? ShapeOf(string name) => Op.Input(name)?.Type is TensorType t ? t.Shape : null;

    /// <summary>
    /// The size of a dim of an input; a symbolic dim counts as 1 (as generated inputs make it) and marks the result estimated.
    /// </summary>
    public long Dim(string name, int axis)
    {
        var shape = ShapeOf(name);
        if (shape is null || shape.Rank == 0)
        {
            return 1;
        }
        var dim = shape[Shape.NormalizeAxis(axis, shape.Rank)];
        if (dim.IsKnown)
        {
            return dim.Size;
        }
        Estimate($"the symbolic dim {dim} of '{Op.Input(name)!.Name}' is taken as 1");
        return 1;
    }

    /// <summary>The product of the sizes of the given axes of an input (symbolic dims: see <see cref="Dim"/>).</summary>
    public long Elements(string name, IEnumerable<int> axes) => axes.Aggregate(1L, (p, a) => p * Dim(name, a));

    /// <summary>The rank of an input (0 when unknown).</summary>
    public int Rank(string name) => ShapeOf(name)?.Rank ?? 0;
}
