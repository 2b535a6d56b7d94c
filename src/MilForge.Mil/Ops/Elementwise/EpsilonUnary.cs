using MilForge.Numerics;

namespace MilForge.Mil.Ops.Elementwise;

/// <summary>Unary ops with a constant <c>epsilon</c> added to x first: <c>log</c>, <c>rsqrt</c>, <c>inverse</c>.</summary>
internal abstract class EpsilonUnary : OpDefinition
{
    /// <summary>The default epsilon of the op.</summary>
    protected abstract float DefaultEpsilon { get; }

    public override IReadOnlyList<InputSpec> Inputs => field ??=
    [
        InputSpec.Required("x", TypeDomain.FloatT),
        new InputSpec("epsilon", TypeDomain.FloatT, IsConst: true, IsOptional: true,
            Default: i => Tensor.FromFloats([DefaultEpsilon], [], i.Type("x").DataType)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs) => [inputs.Type("x")];
}

/// <summary><c>log(x, epsilon=1e-45)</c> = ln(x + epsilon).</summary>
internal sealed class Log : EpsilonUnary
{
    public override string Name => "log";

    protected override float DefaultEpsilon => 1e-45f;
}

/// <summary><c>rsqrt(x, epsilon=1e-12)</c> = 1 / sqrt(x + epsilon).</summary>
internal sealed class Rsqrt : EpsilonUnary
{
    public override string Name => "rsqrt";

    protected override float DefaultEpsilon => 1e-12f;
}

/// <summary><c>inverse(x, epsilon=1e-4)</c> = 1 / (x + epsilon).</summary>
internal sealed class Inverse : EpsilonUnary
{
    public override string Name => "inverse";

    protected override float DefaultEpsilon => 1e-4f;
}
