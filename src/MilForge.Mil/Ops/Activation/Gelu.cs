namespace MilForge.Mil.Ops.Activation;

/// <summary>
/// <c>gelu(x, mode="EXACT")</c>: EXACT = 0.5x(1 + erf(x/√2)); TANH_APPROXIMATION = 0.5x(1 + tanh(√(2/π)(x + 0.044715x³)));
/// SIGMOID_APPROXIMATION = x·σ(1.702x).
/// </summary>
internal sealed class Gelu : OpDefinition
{
    /// <summary>The modes gelu accepts.</summary>
    public static readonly string[] Modes = ["EXACT", "TANH_APPROXIMATION", "SIGMOID_APPROXIMATION"];

    public override string Name => "gelu";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.OptionalConst("mode", TypeDomain.String, _ => Numerics.Tensor.Scalar("EXACT")),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var mode = inputs.String("mode");
        return Modes.Contains(mode) ? [inputs.Type("x")] : throw inputs.TypeError($"unknown mode '{mode}'");
    }
}

/// <summary><c>prelu(x, alpha)</c>: alpha is a per-channel vector [C] for x of shape [B, C, ...].</summary>
internal sealed class Prelu : OpDefinition
{
    public override string Name => "prelu";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.Const("alpha", TypeDomain.FloatT),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var alpha = inputs.Type("alpha");
        if (x.Rank < 3 || alpha.Rank != 1 || (x.Shape[1].IsKnown && alpha.Shape[0].IsKnown && x.Shape[1] != alpha.Shape[0]))
        {
            throw inputs.ShapeError($"alpha {alpha.Shape} must be [C] for x {x.Shape} of rank ≥ 3");
        }
        return [x];
    }
}

/// <summary><c>softmax(x, axis=-1)</c>.</summary>
internal sealed class Softmax : OpDefinition
{
    public override string Name => "softmax";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.OptionalConst("axis", TypeDomain.Int32, _ => Numerics.Tensor.Scalar(-1)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        inputs.Axis(inputs.Long("axis"), x.Rank);
        return [x];
    }
}
