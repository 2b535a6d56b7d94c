using System.Diagnostics;
using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Runtime.Profiling;

/// <summary>
/// Wall-clock time per op type over one or more runs (const ops excluded): where an interpreter run spends its time.
/// Not thread-safe; use one listener per concurrent run.
/// </summary>
public sealed class OpTimingListener : IInterpreterListener
{
    private readonly Dictionary<string, OpTypeTiming> _byType = new(StringComparer.Ordinal);
    private readonly Dictionary<Operation, TimeSpan> _byOp = [];
    private long _started;

    /// <summary>Time and call count per op type, slowest first.</summary>
    public IReadOnlyList<OpTypeTiming> ByType => [.. _byType.Values.OrderByDescending(t => t.Elapsed)];

    /// <summary>Time per op (all runs summed), slowest first.</summary>
    public IReadOnlyList<KeyValuePair<Operation, TimeSpan>> ByOp => [.. _byOp.OrderByDescending(kv => kv.Value)];

    /// <summary>The time of every timed op.</summary>
    public TimeSpan Total => TimeSpan.FromTicks(_byType.Values.Sum(t => t.Elapsed.Ticks));

    /// <inheritdoc />
    public void BeforeOp(Operation op, IReadOnlyList<Tensor> inputs) => _started = Stopwatch.GetTimestamp();

    /// <inheritdoc />
    public void AfterOp(Operation op, IReadOnlyList<Tensor> inputs, IReadOnlyList<Tensor> outputs)
    {
        if (op.IsConst)
        {
            return;
        }
        var elapsed = Stopwatch.GetElapsedTime(_started);
        _byOp[op] = _byOp.GetValueOrDefault(op) + elapsed;
        var key = $"{op.Type} {op.Outputs[0].DataType.MilName()}";
        _byType[key] = _byType.TryGetValue(key, out var t) ? t with { Elapsed = t.Elapsed + elapsed, Calls = t.Calls + 1 } : new OpTypeTiming(key, elapsed, 1);
    }
}

/// <summary>Total time of one op type (with its output element type, e.g. <c>conv fp16</c>) and how many ops ran.</summary>
public sealed record OpTypeTiming(string OpType, TimeSpan Elapsed, int Calls);
