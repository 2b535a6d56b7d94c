using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Runtime.Kernels;

/// <summary>
/// What a kernel sees of the op it runs: input tensors by parameter name, constant parameters with fallbacks,
/// the declared output types, and the precision policy. <see cref="Output(float[], int[], int)"/> stores results in
/// the declared output type, which is where FP16 ops round to binary16.
/// </summary>
public sealed class KernelContext
{
    private readonly Func<Value, Tensor> _lookup;

    internal KernelContext(Operation op, Func<Value, Tensor> lookup, PrecisionPolicy policy)
    {
        Op = op;
        _lookup = lookup;
        Policy = policy;
    }

    /// <summary>The op being run.</summary>
    public Operation Op { get; }

    /// <summary>The run's precision policy.</summary>
    public PrecisionPolicy Policy { get; }

    /// <summary>True when this op's sums must be rounded to binary16 as they form (fp16-accumulate and an fp16 output).</summary>
    public bool RoundPartialSums => Policy.Accumulation == AccumulationPolicy.Fp16Accumulate
        && Op.Outputs.Count > 0 && Op.Outputs[0].Type is TensorType { DataType: DataType.Float16 };

    /// <summary>True when the input is bound.</summary>
    public bool Has(string name) => Op.Inputs.ContainsKey(name);

    /// <summary>A required input.</summary>
    public Tensor Input(string name) => Op.Input(name) is { } v ? _lookup(v)
        : throw Error($"required input '{name}' is missing");

    /// <summary>An optional input, or null.</summary>
    public Tensor? OptionalInput(string name) => Op.Input(name) is { } v ? _lookup(v) : null;

    /// <summary>The tensors of a tuple input.</summary>
    public IReadOnlyList<Tensor> TupleInput(string name) => Op.Inputs.TryGetValue(name, out var a)
        ? [.. a.Values.Select(_lookup)] : throw Error($"required input '{name}' is missing");

    /// <summary>A scalar integer parameter, or <paramref name="fallback"/> when absent.</summary>
    public int Int(string name, int fallback) => OptionalInput(name) is { } t ? (int)t.GetLong(0) : fallback;

    /// <summary>A scalar float parameter, or <paramref name="fallback"/> when absent.</summary>
    public float Float(string name, float fallback) => OptionalInput(name) is { } t ? (float)t.GetDouble(0) : fallback;

    /// <summary>A scalar bool parameter, or <paramref name="fallback"/> when absent.</summary>
    public bool Bool(string name, bool fallback) => OptionalInput(name) is { } t ? t.GetLong(0) != 0 : fallback;

    /// <summary>A scalar string parameter, or <paramref name="fallback"/> when absent.</summary>
    public string String(string name, string fallback) => OptionalInput(name) is { } t ? t.Storage<string>()[0] : fallback;

    /// <summary>An integer vector parameter, or <paramref name="fallback"/> when absent.</summary>
    public int[]? Ints(string name, int[]? fallback = null) => OptionalInput(name) is { } t ? t.AsInts() : fallback;

    /// <summary>A bool vector parameter, or <paramref name="fallback"/> when absent.</summary>
    public bool[]? Bools(string name, bool[]? fallback = null) =>
        OptionalInput(name) is { } t ? [.. t.AsLongs().Select(v => v != 0)] : fallback;

    /// <summary>The declared element type of output <paramref name="index"/>.</summary>
    public DataType OutputType(int index = 0) => Op.Outputs[index].DataType;

    /// <summary>Stores float results as output <paramref name="index"/>, rounding to the declared type (binary16 for fp16).</summary>
    public Tensor Output(float[] values, int[] shape, int index = 0) => Tensor.FromFloats(values, shape, OutputType(index));

    /// <summary>Stores double results as output <paramref name="index"/>, rounding to the declared type.</summary>
    public Tensor Output(double[] values, int[] shape, int index = 0) => Tensor.FromDoubles(values, shape, OutputType(index));

    /// <summary>
    /// Adds a term to a running sum. When <see cref="RoundPartialSums"/> the term and the new partial sum are each
    /// rounded to binary16 (as an fp16 device would hold them); otherwise the sum is exact in double.
    /// </summary>
    public double Accumulate(double sum, double term) => RoundPartialSums ? (double)(Half)(sum + (double)(Half)term) : sum + term;

    /// <summary>An error (RUN4003) naming this op and its source node.</summary>
    public DiagnosticException Error(string message) =>
        new(DiagnosticCodes.RunOpFailed, $"{Op.Type} '{Op.Name}': {message}.", Op.Origin);
}
