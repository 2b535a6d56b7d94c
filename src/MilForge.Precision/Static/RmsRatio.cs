using MilForge.Mil;
using MilForge.Numerics;

namespace MilForge.Precision.Static;

/// <summary>
/// A relational bound intervals cannot see: d / √(mean(d²) + ε) over N elements, the tail of a decomposed
/// LayerNorm or RMSNorm. Since d_j² ≤ Σ d² = N·mean(d²), every ratio lies in [−√N, √N] whatever d is (ε &gt; 0 keeps it
/// finite). Recognized as <c>real_div(d, sqrt(add(reduce_mean(d·d), ε)))</c> and <c>mul(d, rsqrt(reduce_mean(d·d), ε))</c>
/// (d·d also as <c>pow(d, 2)</c> or <c>square(d)</c>); the result is intersected with the interval quotient.
/// </summary>
internal static class RmsRatio
{
    /// <summary>√N when <paramref name="op"/> is such a ratio, else null.</summary>
    public static double? Bound(Operation op)
    {
        var (d, denominator) = (op.Input("x"), op.Input("y"));
        if (d is null || denominator?.Producer is not { } p)
        {
            return null;
        }
        Value? meanSquare = null;
        double epsilon = 0;
        if (op.Type == "real_div" && p.Type == "sqrt" && p.Input("x")?.Producer is { Type: "add" } add)
        {
            (meanSquare, epsilon) = Split(add);
        }
        else if (op.Type == "mul" && p.Type == "rsqrt")
        {
            meanSquare = p.Input("x");
            epsilon = p.Input("epsilon")?.ConstantValue is { Length: 1 } e ? e.GetDouble(0) : 1e-12;
            if (meanSquare?.Producer is { Type: "add" } inner && Split(inner) is ({ } v, var extra))
            {
                (meanSquare, epsilon) = (v, epsilon + extra);
            }
        }
        if (meanSquare?.Producer is not { Type: "reduce_mean" } mean || !(epsilon > 0) || !IsSquareOf(mean.Input("x"), d))
        {
            return null;
        }
        var shape = mean.Input("x")!.Shape;
        var axes = mean.Input("axes")?.ConstantValue?.AsInts().Select(a => Shape.NormalizeAxis(a, shape.Rank)).Distinct().ToList()
            ?? [.. Enumerable.Range(0, shape.Rank)];
        if ((mean.Input("axes") is { } a && a.ConstantValue is null) || axes.Any(x => !shape[x].IsKnown))
        {
            return null;
        }
        return Math.Sqrt(axes.Aggregate(1L, (n, x) => n * shape[x].Size));
    }

    /// <summary>add(v, ε) with a positive scalar constant ε (either side) → (v, ε).</summary>
    private static (Value? Value, double Epsilon) Split(Operation add)
    {
        var (x, y) = (add.Input("x"), add.Input("y"));
        return y?.ConstantValue is { Length: 1 } ey ? (x, ey.GetDouble(0))
            : x?.ConstantValue is { Length: 1 } ex ? (y, ex.GetDouble(0)) : (null, 0);
    }

    private static bool IsSquareOf(Value? q, Value d) => q?.Producer switch
    {
        { Type: "mul" } m => m.Input("x") == d && m.Input("y") == d,
        { Type: "square" } s => s.Input("x") == d,
        { Type: "pow" } w => w.Input("x") == d && w.Input("y")?.ConstantValue is { Length: 1 } k && k.GetDouble(0) == 2,
        _ => false,
    };
}
