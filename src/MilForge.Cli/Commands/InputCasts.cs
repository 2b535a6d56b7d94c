using MilForge.Diagnostics;
using MilForge.Numerics;
using MilForge.Precision.Inputs;

namespace MilForge.Cli.Commands;

/// <summary>
/// Loaded inputs whose dtype differs from the model's are cast when the model runs (int64 .npy to an fp32 input, ...):
/// says so per input with how many values the cast changes (rounded, clipped or wrapped).
/// </summary>
internal static class InputCasts
{
    public static void Warn(InputSet set, IReadOnlyList<TensorSignature> signatures, TextWriter error)
    {
        foreach (var signature in signatures)
        {
            var given = set.Samples.Select(s => s.Values.GetValueOrDefault(signature.Name)).OfType<Tensor>()
                .Where(t => t.DataType != signature.DataType && t.DataType != DataType.String && signature.DataType != DataType.String).ToList();
            if (given.Count == 0)
            {
                continue;
            }
            var changed = given.Sum(t => Changed(t, signature.DataType));
            var total = given.Sum(t => (long)t.Length);
            error.WriteLine($"warning {DiagnosticCodes.RunBadInput}: input '{signature.Name}' is {given[0].DataType.MilName()}, the model declares {signature.DataType.MilName()}: " +
                $"cast {given[0].DataType.MilName()} → {signature.DataType.MilName()} changes {changed} of {total} value(s){(given.Count > 1 ? $" over {given.Count} samples" : "")}.");
        }
    }

    /// <summary>How many values are not the same number after the cast (NaN stays NaN only in float types).</summary>
    internal static long Changed(Tensor tensor, DataType target)
    {
        var before = tensor.AsDoubles();
        var after = tensor.CastTo(target).AsDoubles();
        long changed = 0;
        for (var i = 0; i < before.Length; i++)
        {
            if (!before[i].Equals(after[i]))
            {
                changed++;
            }
        }
        return changed;
    }
}
