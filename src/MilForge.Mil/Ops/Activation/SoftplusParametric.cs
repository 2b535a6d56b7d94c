namespace MilForge.Mil.Ops.Activation;

/// <summary><c>softplus_parametric(x, alpha, beta)</c> = alpha[c]·ln(1 + e^(beta[c]·x)), per channel c on dim 1 of x (rank ≥ 3).</summary>
internal sealed class SoftplusParametric : OpDefinition
{
    public override string Name => "softplus_parametric";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.Const("alpha", TypeDomain.FloatT),
        InputSpec.Const("beta", TypeDomain.FloatT),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        foreach (var name in new[] { "alpha", "beta" })
        {
            var p = inputs.Type(name);
            if (x.Rank < 3 || p.Rank != 1 || (x.Shape[1].IsKnown && p.Shape[0].IsKnown && x.Shape[1] != p.Shape[0]))
            {
                throw inputs.ShapeError($"{name} {p.Shape} must be [C] for x {x.Shape} of rank ≥ 3");
            }
        }
        return [x];
    }
}
