using MilForge.Numerics;

namespace MilForge.Precision.Inputs;

/// <summary>Where an input's values come from.</summary>
public enum InputSource
{
    /// <summary>Seeded random values (<see cref="InputRecipe"/>).</summary>
    Generated,

    /// <summary>Read from sample folders (<c>--inputs</c>).</summary>
    Loaded,

    /// <summary>A constant given with <c>--input-value</c>.</summary>
    Value,
}

/// <summary>What one input got and why, for the printed summary and the JSON reports.</summary>
/// <param name="Signature">The input (shape as used: given shapes applied).</param>
/// <param name="Source">Where its values come from.</param>
/// <param name="Values">What they are, e.g. "indices in [0, 30522)", "ones", "uniform in [-1, 1)", "from input_0.pb".</param>
/// <param name="Reason">Why, e.g. "it feeds the embedding table /embeddings/Gather", "default", "--input-range".</param>
/// <param name="Recipe">For generated inputs: the recipe.</param>
public sealed record InputChoice(TensorSignature Signature, InputSource Source, string Values, string Reason, InputRecipe? Recipe = null)
{
    /// <summary>One line, e.g. <c>ids int64[1, 6]: indices in [0, 10) — it feeds the embedding table /embeddings/Gather</c>.</summary>
    public string Describe() => $"{Signature.Name} {Signature.DataType.MilName()}{Signature.Shape}: {Values} — {Reason}";
}
