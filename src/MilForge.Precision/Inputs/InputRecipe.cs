using System.Globalization;
using MilForge.Numerics;

namespace MilForge.Precision.Inputs;

/// <summary>How one input is generated, and why.</summary>
/// <param name="Name">The input's name.</param>
/// <param name="Distribution">How values spread over the range.</param>
/// <param name="Range">The range; null for the default ([−1, 1) for floats, 0..3 for integers, 0/1 for bools).</param>
/// <param name="Ones">True when every value is 1 (a mask that keeps every position).</param>
/// <param name="IndexLimit">For indices into a table: the table size (the range is [0, limit − 1]).</param>
/// <param name="Reason">Why: "default", "--input-range", "its name says it is a mask", "it feeds the embedding table …".</param>
public sealed record InputRecipe(string Name, InputDistribution Distribution, InputRange? Range, bool Ones, long? IndexLimit, string Reason)
{
    /// <summary>The default recipe of an input.</summary>
    public static InputRecipe Default(string name) => new(name, InputDistribution.Uniform, null, false, null, "default");

    /// <summary>What the values are, e.g. "uniform in [-1, 1)", "indices in [0, 30522)", "ones", "normal N(0, 1)".</summary>
    public string Describe(TensorSignature signature)
    {
        var inv = CultureInfo.InvariantCulture;
        if (Ones)
        {
            return "ones";
        }
        if (IndexLimit is { } limit)
        {
            return string.Create(inv, $"{(Distribution == InputDistribution.Normal ? "normal " : "")}indices in [0, {limit})");
        }
        var isFloat = signature.DataType.IsFloat() || signature.DataType == DataType.String;
        if (Distribution == InputDistribution.Normal)
        {
            return Range is { } r
                ? string.Create(inv, $"normal (mean {(r.Low + r.High) / 2}, std {(r.High - r.Low) / 6}) clipped to [{r.Low}, {r.High}]{(isFloat ? "" : ", rounded")}")
                : $"normal N(0, 1){(isFloat ? "" : ", rounded")}";
        }
        if (Range is { } range)
        {
            return isFloat ? string.Create(inv, $"uniform in [{range.Low}, {range.High}]") : string.Create(inv, $"whole numbers in [{range.Low}, {range.High}]");
        }
        return signature.DataType == DataType.Bool ? "random 0/1" : isFloat ? "uniform in [-1, 1)" : "whole numbers in [0, 3]";
    }
}
