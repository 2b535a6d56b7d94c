using MilForge.Diagnostics;
using MilForge.Numerics;

namespace MilForge.Mil.Ops;

/// <summary>
/// The inputs of an op being built, as seen by its definition's type inference and defaults: types, constant
/// values, and helpers that raise diagnostics naming the op and its source node.
/// </summary>
public sealed class OpInputs
{
    private readonly IReadOnlyDictionary<string, Argument> _arguments;

    internal OpInputs(OpDefinition definition, string opName, IReadOnlyDictionary<string, Argument> arguments,
        Origin origin, DeploymentTarget target, IReadOnlyList<Block>? blocks = null)
    {
        Definition = definition;
        Blocks = blocks ?? [];
        OpName = opName;
        _arguments = arguments;
        Origin = origin;
        Target = target;
    }

    /// <summary>The op's definition.</summary>
    public OpDefinition Definition { get; }

    /// <summary>The op's name.</summary>
    public string OpName { get; }

    /// <summary>The op's source node.</summary>
    public Origin Origin { get; }

    /// <summary>The function's deployment target.</summary>
    public DeploymentTarget Target { get; }

    /// <summary>The op's nested blocks, already filled (control flow infers its outputs from them); empty for other ops.</summary>
    public IReadOnlyList<Block> Blocks { get; }

    /// <summary>The bindings by parameter name.</summary>
    public IReadOnlyDictionary<string, Argument> Arguments => _arguments;

    /// <summary>True when the input is bound.</summary>
    public bool Has(string name) => _arguments.ContainsKey(name);

    /// <summary>The value bound to a non-tuple input.</summary>
    public Value Value(string name) => _arguments.TryGetValue(name, out var a) ? a.Value
        : throw Malformed($"input '{name}' is missing");

    /// <summary>The values bound to a tuple input.</summary>
    public IReadOnlyList<Value> Tuple(string name) => _arguments.TryGetValue(name, out var a) ? a.Values
        : throw Malformed($"input '{name}' is missing");

    /// <summary>The tensor type of a non-tuple input.</summary>
    public TensorType Type(string name) => Value(name).TensorType;

    /// <summary>The tensor type of an optional input, or null.</summary>
    public TensorType? TypeOrNull(string name) => Has(name) ? Type(name) : null;

    /// <summary>The compile-time value of an input, or null when absent or not constant.</summary>
    public Tensor? ConstOrNull(string name) => _arguments.TryGetValue(name, out var a) && !a.IsTuple ? a.Value.ConstantValue : null;

    /// <summary>The compile-time value of an input; raises MIL2006 when it is not constant.</summary>
    public Tensor Const(string name) => ConstOrNull(name)
        ?? throw new DiagnosticException(DiagnosticCodes.MilNotConstant,
            $"{Definition.Name} '{OpName}': input '{name}' must be a compile-time constant.", Origin);

    /// <summary>A constant scalar integer input.</summary>
    public long Long(string name) => Scalar(name).GetLong(0);

    /// <summary>A constant scalar integer input (int range).</summary>
    public int Int(string name) => checked((int)Long(name));

    /// <summary>A constant scalar float input.</summary>
    public double Double(string name) => Scalar(name).GetDouble(0);

    /// <summary>A constant scalar bool input.</summary>
    public bool Bool(string name) => Scalar(name).GetLong(0) != 0;

    /// <summary>A constant scalar string input.</summary>
    public string String(string name)
    {
        var t = Scalar(name);
        return t.DataType == DataType.String ? t.Storage<string>()[0]
            : throw TypeError($"input '{name}' must be a string");
    }

    /// <summary>A constant integer vector input.</summary>
    public int[] Ints(string name) => Const(name).AsInts();

    /// <summary>A constant bool vector input.</summary>
    public bool[] Bools(string name) => Const(name).AsLongs().Select(v => v != 0).ToArray();

    /// <summary>Normalizes an axis against a rank, raising MIL2002 when it is out of range.</summary>
    public int Axis(long axis, int rank)
    {
        var a = Shape.NormalizeAxis(axis, rank);
        return a >= 0 ? a : throw ShapeError($"axis {axis} is out of range for rank {rank}");
    }

    /// <summary>A shape error (MIL2002) naming this op.</summary>
    public DiagnosticException ShapeError(string message) =>
        new(DiagnosticCodes.MilBadShape, $"{Definition.Name} '{OpName}': {message}.", Origin);

    /// <summary>A type error (MIL2001) naming this op.</summary>
    public DiagnosticException TypeError(string message) =>
        new(DiagnosticCodes.MilTypeMismatch, $"{Definition.Name} '{OpName}': {message}.", Origin);

    /// <summary>A malformed-op error (MIL2005) naming this op.</summary>
    public DiagnosticException Malformed(string message) =>
        new(DiagnosticCodes.MilMalformed, $"{Definition.Name} '{OpName}': {message}.", Origin);

    private Tensor Scalar(string name)
    {
        var t = Const(name);
        return t.Length == 1 ? t : throw ShapeError($"input '{name}' must be a scalar, got {t.DataType.MilName()}[{string.Join(",", t.Shape)}]");
    }
}
