namespace MilForge.Runtime.Kernels.Recurrent;

/// <summary>
/// The activations MIL's recurrent ops name, with the parameters Core ML fixes for them: scaled_tanh is tanh
/// (α = β = 1), hard_sigmoid is clamp(0.2·x + 0.5, 0, 1), linear is the identity.
/// </summary>
internal static class RecurrentActivation
{
    /// <summary>The activation named <paramref name="name"/> (case-insensitive).</summary>
    public static Func<float, float> Of(string name, KernelContext context) => name.ToLowerInvariant() switch
    {
        "tanh" or "scaled_tanh" => MathF.Tanh,
        "sigmoid" => static v => 1f / (1f + MathF.Exp(-v)),
        "hard_sigmoid" => static v => Math.Clamp((0.2f * v) + 0.5f, 0f, 1f),
        "relu" => static v => v > 0 ? v : 0f,
        "linear" => static v => v,
        _ => throw context.Error($"unknown activation '{name}'"),
    };
}
