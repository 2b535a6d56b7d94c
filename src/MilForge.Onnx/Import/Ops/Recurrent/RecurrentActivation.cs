using MilForge.Mil;

namespace MilForge.Onnx.Import.Ops.Recurrent;

/// <summary>
/// One activation of an ONNX LSTM/GRU/RNN with its alpha and beta. <see cref="MilName"/> is the name MIL's recurrent
/// ops accept when the activation equals one of theirs exactly (they fix HardSigmoid to α = 0.2, β = 0.5, ScaledTanh to
/// α = β = 1 and have Affine only as the identity); <see cref="Apply"/> emits it as an ordinary MIL op for the
/// unrolled form.
/// </summary>
internal sealed record RecurrentActivation(string Name, float Alpha, float Beta)
{
    private static readonly Dictionary<string, (float? Alpha, float? Beta)> Parameters = new(StringComparer.Ordinal)
    {
        ["Sigmoid"] = (null, null),
        ["Tanh"] = (null, null),
        ["Relu"] = (null, null),
        ["Softsign"] = (null, null),
        ["Softplus"] = (null, null),
        ["HardSigmoid"] = (0.2f, 0.5f),
        ["Affine"] = (1f, 0f),
        ["ScaledTanh"] = (1f, 1f),
        ["LeakyRelu"] = (0.01f, null),
        ["ThresholdedRelu"] = (1f, null),
        ["Elu"] = (1f, null),
    };

    /// <summary>
    /// The node's activations, with activation_alpha/activation_beta consumed in order by the activations that take
    /// them (defaults otherwise); <paramref name="defaults"/> when the attribute is absent.
    /// </summary>
    public static RecurrentActivation[] Read(OnnxNodeContext context, string[] defaults, int directions)
    {
        var names = context.Attributes.Strings("activations") ?? [.. Enumerable.Range(0, directions).SelectMany(_ => defaults)];
        if (names.Length != defaults.Length * directions)
        {
            throw context.Unsupported($"activations has {names.Length} entries; {defaults.Length} per direction are needed for {directions} direction(s)");
        }
        var alphas = new Queue<float>(context.Attributes.Floats("activation_alpha") ?? []);
        var betas = new Queue<float>(context.Attributes.Floats("activation_beta") ?? []);
        var result = new RecurrentActivation[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var name = Parameters.Keys.FirstOrDefault(k => string.Equals(k, names[i], StringComparison.OrdinalIgnoreCase))
                ?? throw context.Unsupported($"activation '{names[i]}' is not supported");
            var (alpha, beta) = Parameters[name];
            result[i] = new RecurrentActivation(name,
                alpha is { } a ? (alphas.Count > 0 ? alphas.Dequeue() : a) : 0,
                beta is { } b ? (betas.Count > 0 ? betas.Dequeue() : b) : 0);
        }
        return result;
    }

    /// <summary>The MIL recurrent-op activation computing exactly this, or null.</summary>
    public string? MilName => Name switch
    {
        "Sigmoid" => "sigmoid",
        "Tanh" => "tanh",
        "Relu" => "relu",
        "HardSigmoid" when Alpha == 0.2f && Beta == 0.5f => "hard_sigmoid",
        "Affine" when Alpha == 1f && Beta == 0f => "linear",
        "ScaledTanh" when Alpha == 1f && Beta == 1f => "tanh",
        _ => null,
    };

    /// <summary>Emits the activation on <paramref name="x"/> as a MIL op.</summary>
    public Value Apply(OnnxNodeContext context, Value x, string name)
    {
        var type = x.DataType;
        Numerics.Tensor S(float v) => Numerics.Tensor.FromFloats([v], [], type);
        return Name switch
        {
            "Sigmoid" or "Tanh" or "Relu" or "Softsign" or "Softplus" => context.Op(Name.ToLowerInvariant(), new() { { "x", x } }, name),
            "HardSigmoid" => context.Op("sigmoid_hard", new() { { "x", x }, { "alpha", S(Alpha) }, { "beta", S(Beta) } }, name),
            "Affine" => context.Op("linear_activation", new() { { "x", x }, { "alpha", S(Alpha) }, { "beta", S(Beta) } }, name),
            "ScaledTanh" => context.Op("scaled_tanh", new() { { "x", x }, { "alpha", S(Alpha) }, { "beta", S(Beta) } }, name),
            "LeakyRelu" => context.Op("leaky_relu", new() { { "x", x }, { "alpha", S(Alpha) } }, name),
            "ThresholdedRelu" => context.Op("thresholded_relu", new() { { "x", x }, { "alpha", S(Alpha) } }, name),
            _ => context.Op("elu", new() { { "x", x }, { "alpha", S(Alpha) } }, name),
        };
    }
}
