using MilForge.Numerics;

namespace MilForge.Precision.Comparison;

/// <summary>
/// Compares a candidate tensor with a reference using ONNX's rule: an element passes when
/// |a − r| ≤ atol + rtol·|r| (relative to the reference, so not symmetric). NaN passes against NaN and an infinity
/// against the same infinity. Integer widths are ignored (Core ML narrows int64 to int32), values are not.
/// </summary>
public static class TensorComparer
{
    /// <summary>Compares one output.</summary>
    public static OutputComparison Compare(string name, Tensor reference, Tensor candidate, double atol, double rtol)
    {
        if (!reference.Shape.SequenceEqual(candidate.Shape))
        {
            return new OutputComparison(name, reference.Length, false, double.NaN, double.NaN, reference.Length, 0, 0, 0, 0, 0,
                $"shape [{string.Join(", ", candidate.Shape)}] differs from the reference [{string.Join(", ", reference.Shape)}]");
        }
        if (reference.DataType == DataType.String || candidate.DataType == DataType.String)
        {
            var equal = reference.DataType == candidate.DataType && reference.Storage<string>().SequenceEqual(candidate.Storage<string>());
            return new OutputComparison(name, reference.Length, true, 0, 0, equal ? 0 : reference.Length, 0, 0, 0, 0, 0,
                equal ? null : "string values differ");
        }
        var r = reference.AsDoubles();
        var c = candidate.AsDoubles();
        double maxAbs = 0, maxRel = 0;
        long mismatches = 0, cNaN = 0, cInf = 0, rNaN = 0, rInf = 0, fresh = 0;
        for (var i = 0; i < r.Length; i++)
        {
            var (a, e) = (c[i], r[i]);
            cNaN += double.IsNaN(a) ? 1 : 0;
            cInf += double.IsInfinity(a) ? 1 : 0;
            rNaN += double.IsNaN(e) ? 1 : 0;
            rInf += double.IsInfinity(e) ? 1 : 0;
            if (!double.IsFinite(a) || !double.IsFinite(e))
            {
                var same = (double.IsNaN(a) && double.IsNaN(e)) || a.Equals(e);
                mismatches += same ? 0 : 1;
                fresh += !double.IsFinite(a) && double.IsFinite(e) ? 1 : 0;
                continue;
            }
            var diff = Math.Abs(a - e);
            maxAbs = Math.Max(maxAbs, diff);
            if (e != 0)
            {
                maxRel = Math.Max(maxRel, diff / Math.Abs(e));
            }
            if (diff > atol + (rtol * Math.Abs(e)))
            {
                mismatches++;
            }
        }
        return new OutputComparison(name, r.Length, true, maxAbs, maxRel, mismatches, cNaN, cInf, rNaN, rInf, fresh);
    }
}
