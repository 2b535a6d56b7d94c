using MilForge.Numerics;

namespace MilForge.Mil.Ops.Normalization;

/// <summary>
/// <c>l2_norm(x, epsilon=1e-6)</c>: x / sqrt(Σx² + ε) with the sum over the last three dims (rank ≥ 3); the leading
/// dims are batch.
/// </summary>
internal class L2Norm : OpDefinition
{
    public override string Name => "l2_norm";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.OptionalConst("epsilon", TypeDomain.FloatT, i => Tensor.FromFloats([1e-6f], [], i.Type("x").DataType)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        return x.Rank >= 3 ? [x] : throw inputs.ShapeError($"x {x.Shape} must have rank 3 or more");
    }
}

/// <summary>iOS17's <c>l2_norm</c>: epsilon may have another float dtype than x.</summary>
internal sealed class L2NormIos17 : L2Norm
{
    public override DeploymentTarget Since => DeploymentTarget.iOS17;

    public override IReadOnlyList<InputSpec> Inputs { get; } = [.. LocalNorming.Decouple(new L2Norm().Inputs)];
}

/// <summary>
/// <c>local_response_norm(x, size, alpha=1e-4, beta=0.75, k=1)</c>: x / (k + α/size · Σx²)^β with the sum over a
/// window of <c>size</c> channels (dim 1) around each channel; rank 3 or 4.
/// </summary>
internal class LocalResponseNorm : OpDefinition
{
    public override string Name => "local_response_norm";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        InputSpec.Const("size", TypeDomain.Int32),
        InputSpec.OptionalConst("alpha", TypeDomain.FloatT, i => Tensor.FromFloats([1e-4f], [], i.Type("x").DataType)),
        InputSpec.OptionalConst("beta", TypeDomain.FloatT, i => Tensor.FromFloats([0.75f], [], i.Type("x").DataType)),
        InputSpec.OptionalConst("k", TypeDomain.FloatT, i => Tensor.FromFloats([1f], [], i.Type("x").DataType)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        if (x.Rank is < 3 or > 4)
        {
            throw inputs.ShapeError($"x {x.Shape} must have rank 3 or 4");
        }
        return inputs.Int("size") >= 1 ? [x] : throw inputs.ShapeError($"size must be positive, got {inputs.Int("size")}");
    }
}

/// <summary>iOS17's <c>local_response_norm</c>: alpha, beta and k may have another float dtype than x.</summary>
internal sealed class LocalResponseNormIos17 : LocalResponseNorm
{
    public override DeploymentTarget Since => DeploymentTarget.iOS17;

    public override IReadOnlyList<InputSpec> Inputs { get; } = [.. LocalNorming.Decouple(new LocalResponseNorm().Inputs)];
}

/// <summary>The iOS17 variants' parameter dtypes: a float domain of their own ("U") instead of x's "T".</summary>
internal static class LocalNorming
{
    private static readonly TypeDomain Parameter = new("U", [DataType.Float16, DataType.Float32]);

    public static IEnumerable<InputSpec> Decouple(IEnumerable<InputSpec> inputs) =>
        inputs.Select(i => i.Name != "x" && i.Domain == TypeDomain.FloatT ? i with { Domain = Parameter } : i);
}
