using MilForge.Diagnostics;
using MilForge.Mil;
using MilForge.Numerics;
using MilForge.Precision.Inputs;
using MilForge.Runtime;

namespace MilForge.Precision.Static;

/// <summary>
/// Propagates intervals through every op of an FP32 program before any data is run: inputs start from their given
/// ranges (or the generated-input defaults, reported as assumed), constants are exact, ops whose inputs are all
/// constant are folded by their kernel, and every other op goes through its transfer function. Float results are
/// widened by 2⁻²⁰ of each end for the kernels' rounding. Ops without a transfer function get (−∞, ∞) and are
/// marked unknown; ops in nested blocks (cond, while_loop bodies) are not analysed, their parent op is unknown.
/// </summary>
public sealed class StaticBoundAnalyzer(TransferTable? table = null)
{
    /// <summary>The relative widening of each float end: covers rounding the exact result of the ends to float.</summary>
    public const double RoundingAllowance = 1.0 / (1 << 20);

    /// <summary>The default interval of generated inputs of a type ([−1, 1] floats, [0, 3] integers, [0, 1] bools).</summary>
    public static Interval DefaultRange(DataType type) => type.IsFloat() ? new Interval(-1, 1) : type == DataType.Bool ? Interval.Unit : new Interval(0, 3);

    private readonly TransferTable _table = table ?? TransferTable.Default;
    private readonly KernelConstantFolder _folder = new() { MaxElements = 1 << 22 };

    /// <summary>Analyses the main function; <paramref name="overrides"/> gives input ranges and constant input values.</summary>
    public StaticReport Analyze(MilProgram program, InputOverrides? overrides = null)
    {
        overrides ??= new InputOverrides();
        var bounds = new Dictionary<Value, ValueBound>();
        var constants = new Dictionary<Value, Tensor>();
        var inputs = new List<InputBound>();
        foreach (var input in program.Main.Inputs)
        {
            var type = input.Type is TensorType t ? t.DataType : DataType.Float32;
            var (range, assumed) = overrides.Values.TryGetValue(input.Name, out var v) ? (Interval.Point(v), false)
                : overrides.Ranges.TryGetValue(input.Name, out var r) ? (new Interval(r.Low, r.High), false)
                : (DefaultRange(type), true);
            // A float input holds the float nearest each end, which may lie just outside it.
            bounds[input] = ValueBound.Proven(type.IsFloat() ? range.Widen(RoundingAllowance) : range);
            inputs.Add(new InputBound(input.Name, range, assumed));
        }
        var ops = new List<OpBound>();
        var index = 0;
        foreach (var op in program.Main.Body.Operations)
        {
            var position = index++;
            if (op.IsConst)
            {
                constants[op.Output] = op.Attributes["val"];
                bounds[op.Output] = ValueBound.Proven(Exact(op.Attributes["val"]));
                continue;
            }
            var (results, note, kind) = Bound(op, bounds, constants);
            for (var i = 0; i < op.Outputs.Count; i++)
            {
                var output = op.Outputs[i];
                var (range, ownNote, ownKind) = i < results.Count ? (Finish(results[i], output), note, kind) : (Interval.Unbounded, note ?? "the transfer function does not bound this output", BoundKind.Unknown);
                var unboundedBy = range.IsFinite ? null : op.InputValues.Select(v => bounds.GetValueOrDefault(v)?.UnboundedBy).FirstOrDefault(n => n is not null) ?? output.Name;
                bounds[output] = new ValueBound(range, ownKind, unboundedBy);
                var isFloat = output.Type is TensorType { DataType: var dt } && dt.IsFloat();
                ops.Add(new OpBound(position, output.Name, op.Type, op.Origin, bounds[output], isFloat, ownNote));
            }
        }
        return new StaticReport(inputs, ops);
    }

    private (IReadOnlyList<Interval> Results, string? Note, BoundKind Kind) Bound(Operation op, Dictionary<Value, ValueBound> bounds, Dictionary<Value, Tensor> constants)
    {
        if (op.Blocks.Count == 0 && op.InputValues.Any() && op.InputValues.All(v => v.IsConstant) && TryFold(op) is { } folded)
        {
            for (var i = 0; i < folded.Count && i < op.Outputs.Count; i++)
            {
                constants[op.Outputs[i]] = folded[i];
            }
            return ([.. folded.Select(Exact)], null, BoundKind.Proven);
        }
        if (op.Blocks.Count > 0 || _table.Find(op.Type) is not { } transfer)
        {
            return ([], $"no transfer function for {op.Type}", BoundKind.Unknown);
        }
        var context = new TransferContext(op, v => bounds.TryGetValue(v, out var b) ? b.Range : Interval.Unbounded, v => constants.GetValueOrDefault(v));
        IReadOnlyList<Interval>? results;
        try
        {
            results = transfer(context);
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or InvalidOperationException or DivideByZeroException or OverflowException)
        {
            return ([], $"{op.Type} could not be bounded ({e.Message})", BoundKind.Unknown);
        }
        if (results is null)
        {
            return ([], $"{op.Type} with these parameters has no transfer function", BoundKind.Unknown);
        }
        var inherited = op.InputValues.Any(v => bounds.GetValueOrDefault(v)?.Kind == BoundKind.Estimated);
        return (results, context.Estimated, context.Estimated is not null || inherited ? BoundKind.Estimated : BoundKind.Proven);
    }

    private IReadOnlyList<Tensor>? TryFold(Operation op)
    {
        try
        {
            return _folder.TryFold(op);
        }
        catch (Exception e) when (e is DiagnosticException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Widens float results for rounding; ends beyond the type's largest finite value become ±∞; bools stay in [0, 1].</summary>
    private static Interval Finish(Interval range, Value output)
    {
        if (output.Type is not TensorType { DataType: var type })
        {
            return range;
        }
        if (type == DataType.Bool)
        {
            return new Interval(Math.Max(0, Math.Min(range.Low, 1)), Math.Min(1, Math.Max(range.High, 0)));
        }
        if (!type.IsFloat())
        {
            return range;
        }
        var widened = range.Widen(RoundingAllowance);
        var (max, tiny) = type switch
        {
            DataType.Float16 => ((double)Fp16.MaxValue, (double)Fp16.MinSubnormal),
            DataType.Float32 => (float.MaxValue, float.Epsilon),
            _ => (double.MaxValue, double.Epsilon),
        };
        // Ends beyond the largest value overflow to ±∞; ends nearer 0 than the smallest subnormal round to 0 or to it.
        return widened with { Low = -Outward(-widened.Low, max, tiny), High = Outward(widened.High, max, tiny) };
    }

    /// <summary>The upper end a float type can round <paramref name="high"/> to, at most.</summary>
    private static double Outward(double high, double max, double tiny) => high switch
    {
        _ when high > max => double.PositiveInfinity,
        > 0 when high < tiny => tiny,
        < 0 when high > -tiny => 0,
        _ => high,
    };

    /// <summary>The exact interval of a tensor's values (strings: unbounded).</summary>
    internal static Interval Exact(Tensor tensor)
    {
        if (tensor.DataType == DataType.String || tensor.Length == 0)
        {
            return tensor.Length == 0 ? Interval.Point(0) : Interval.Unbounded;
        }
        return Interval.Hull(tensor.AsDoubles());
    }
}
