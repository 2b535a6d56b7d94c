using MilForge.Numerics;

namespace MilForge.Precision.Comparison;

/// <summary>
/// One tensor from an output's values over several samples, so a single check covers them all: stacked along a new
/// axis 0 when every sample has the same shape, else flattened and concatenated.
/// </summary>
public static class SampleStack
{
    /// <summary>The joined tensor; a single sample is returned as it is.</summary>
    public static Tensor Join(IReadOnlyList<Tensor> samples)
    {
        if (samples.Count == 1)
        {
            return samples[0];
        }
        var first = samples[0];
        var values = samples.SelectMany(t => t.AsDoubles()).ToArray();
        int[] shape = samples.All(t => t.Shape.SequenceEqual(first.Shape)) ? [samples.Count, .. first.Shape] : [values.Length];
        return Tensor.FromDoubles(values, shape, first.DataType);
    }

    /// <summary>
    /// True when the samples can be joined: numbers of one dtype on each side (the candidate's may differ from the
    /// reference's, e.g. int32 for int64), every sample's reference and candidate of one shape.
    /// </summary>
    public static bool CanJoin(IReadOnlyList<Tensor> references, IReadOnlyList<Tensor> candidates) =>
        OneNumericType(references) && OneNumericType(candidates)
        && references.Zip(candidates).All(p => p.First.Shape.SequenceEqual(p.Second.Shape));

    private static bool OneNumericType(IReadOnlyList<Tensor> tensors) =>
        tensors.All(t => t.DataType == tensors[0].DataType) && tensors[0].DataType is not (DataType.String or DataType.BFloat16);
}
