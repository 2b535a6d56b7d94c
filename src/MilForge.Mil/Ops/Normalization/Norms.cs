using MilForge.Numerics;

namespace MilForge.Mil.Ops.Normalization;

/// <summary><c>batch_norm(x, mean, variance, gamma, beta, epsilon=1e-5)</c>: per-channel (dim 1) inference normalization, rank 3–5.</summary>
internal sealed class BatchNorm : OpDefinition
{
    public override string Name => "batch_norm";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.Const("mean", TypeDomain.FloatT),
        InputSpec.Const("variance", TypeDomain.FloatT),
        InputSpec.OptionalConst("gamma", TypeDomain.FloatT),
        InputSpec.OptionalConst("beta", TypeDomain.FloatT),
        InputSpec.OptionalConst("epsilon", TypeDomain.FloatT, i => Tensor.FromFloats([1e-5f], [], i.Type("x").DataType)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        if (x.Rank is < 3 or > 5)
        {
            throw inputs.ShapeError($"x {x.Shape} must have rank 3–5");
        }
        foreach (var p in new[] { "mean", "variance", "gamma", "beta" })
        {
            if (inputs.TypeOrNull(p) is { } t && (t.Rank != 1 || (x.Shape[1].IsKnown && t.Shape[0] != x.Shape[1])))
            {
                throw inputs.ShapeError($"{p} {t.Shape} must be [{x.Shape[1]}]");
            }
        }
        return [x];
    }
}

/// <summary>
/// <c>layer_norm(x, axes, gamma, beta, epsilon=1e-5)</c> = γ·(x − mean)/sqrt(var + ε) + β over <c>axes</c>
/// (default: all); gamma and beta have the shape of x over those axes.
/// </summary>
internal sealed class LayerNorm : OpDefinition
{
    public override string Name => "layer_norm";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.OptionalConst("axes", TypeDomain.Int32, i => Tensor.Vector(Enumerable.Range(0, i.Type("x").Rank).ToArray())),
        InputSpec.OptionalConst("gamma", TypeDomain.FloatT),
        InputSpec.OptionalConst("beta", TypeDomain.FloatT),
        InputSpec.OptionalConst("epsilon", TypeDomain.FloatT, i => Tensor.FromFloats([1e-5f], [], i.Type("x").DataType)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var axes = inputs.Ints("axes").Select(a => inputs.Axis(a, x.Rank)).Order().ToArray();
        if (axes.Distinct().Count() != axes.Length)
        {
            throw inputs.ShapeError("axes repeat");
        }
        var normalized = new Shape(axes.Select(a => x.Shape[a]));
        foreach (var p in new[] { "gamma", "beta" })
        {
            if (inputs.TypeOrNull(p) is { } t && !t.Shape.Equals(normalized))
            {
                throw inputs.ShapeError($"{p} {t.Shape} must have the shape of x over the axes, {normalized}");
            }
        }
        return [x];
    }
}

/// <summary><c>instance_norm(x, gamma, beta, epsilon=1e-5)</c>: normalization over the spatial dims per sample and channel.</summary>
internal sealed class InstanceNorm : OpDefinition
{
    public override string Name => "instance_norm";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.OptionalConst("gamma", TypeDomain.FloatT),
        InputSpec.OptionalConst("beta", TypeDomain.FloatT),
        InputSpec.OptionalConst("epsilon", TypeDomain.FloatT, i => Tensor.FromFloats([1e-5f], [], i.Type("x").DataType)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        return x.Rank is 3 or 4 ? [x] : throw inputs.ShapeError($"x {x.Shape} must have rank 3 or 4");
    }
}
