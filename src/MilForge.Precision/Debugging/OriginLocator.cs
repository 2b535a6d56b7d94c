using MilForge.Mil;

namespace MilForge.Precision.Debugging;

/// <summary>
/// Finds the ops where a failure is born: an op whose FP16 result fails (NaN/Inf, or beyond tolerance) while every
/// input it reads is fine. Data-movement ops (reshape, transpose, casts, slices, concat...) are looked through to their
/// own inputs, and inputs of the function and constants count as fine — coremltools' "failure source" rule.
/// </summary>
public static class OriginLocator
{
    /// <summary>The ops looked through (their failures are inherited, never born).</summary>
    public static readonly IReadOnlySet<string> LookThrough = new HashSet<string>(StringComparer.Ordinal)
    {
        "reshape", "transpose", "squeeze", "expand_dims", "cast", "identity", "slice_by_index", "slice_by_size",
        "split", "concat", "stack", "flatten2d", "tile", "gather", "shape", "fill", "const",
    };

    /// <summary>
    /// The origin ops, in program order. <paramref name="statusOf"/> gives the status of an FP16-program value
    /// (by its producing op), null when it has no FP32 counterpart.
    /// </summary>
    public static IReadOnlyList<Operation> Find(Function fp16, Func<Value, OpStatus?> statusOf)
    {
        var result = new List<Operation>();
        foreach (var op in fp16.AllOperations())
        {
            if (op.IsConst || LookThrough.Contains(op.Type))
            {
                continue;
            }
            var failing = op.Outputs.Any(o => statusOf(o) is OpStatus.NonFinite or OpStatus.OutOfTolerance);
            if (failing && op.InputValues.All(v => InputIsFine(v, statusOf, [])))
            {
                result.Add(op);
            }
        }
        return result;
    }

    private static bool InputIsFine(Value value, Func<Value, OpStatus?> statusOf, HashSet<Value> seen)
    {
        if (!seen.Add(value) || value.Producer is not { } producer || producer.IsConst)
        {
            return true;
        }
        if (LookThrough.Contains(producer.Type) || statusOf(value) is null or OpStatus.NotCompared)
        {
            return producer.InputValues.All(v => InputIsFine(v, statusOf, seen));
        }
        return statusOf(value) == OpStatus.Ok;
    }
}
