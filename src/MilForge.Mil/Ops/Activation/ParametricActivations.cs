using MilForge.Numerics;

namespace MilForge.Mil.Ops.Activation;

/// <summary>Activations with constant scalar parameters <c>alpha</c> (and <c>beta</c>) of the type of x.</summary>
internal abstract class ParametricActivation : OpDefinition
{
    /// <summary>Default alpha; null when alpha is required.</summary>
    protected virtual float? DefaultAlpha => null;

    /// <summary>Default beta; null when the op has no beta or it is required.</summary>
    protected virtual float? DefaultBeta => null;

    /// <summary>True when the op has a beta parameter.</summary>
    protected virtual bool HasBeta => false;

    public override IReadOnlyList<InputSpec> Inputs => field ??= BuildInputs();

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs) => [inputs.Type("x")];

    private List<InputSpec> BuildInputs()
    {
        var list = new List<InputSpec> { InputSpec.Required("x", TypeDomain.FloatT), Param("alpha", DefaultAlpha) };
        if (HasBeta)
        {
            list.Add(Param("beta", DefaultBeta));
        }
        return list;
    }

    private static InputSpec Param(string name, float? @default) => @default is { } d
        ? new InputSpec(name, TypeDomain.FloatT, IsConst: true, IsOptional: true,
            Default: i => Tensor.FromFloats([d], [], i.Type("x").DataType))
        : InputSpec.Const(name, TypeDomain.FloatT);
}

/// <summary><c>leaky_relu(x, alpha=0.01)</c> = x if x ≥ 0 else alpha·x.</summary>
internal sealed class LeakyRelu : ParametricActivation
{
    public override string Name => "leaky_relu";

    protected override float? DefaultAlpha => 0.01f;
}

/// <summary><c>elu(x, alpha=1)</c> = x if x > 0 else alpha·(e^x − 1).</summary>
internal sealed class Elu : ParametricActivation
{
    public override string Name => "elu";

    protected override float? DefaultAlpha => 1f;
}

/// <summary><c>thresholded_relu(x, alpha=1)</c> = x if x ≥ alpha else 0.</summary>
internal sealed class ThresholdedRelu : ParametricActivation
{
    public override string Name => "thresholded_relu";

    protected override float? DefaultAlpha => 1f;
}

/// <summary><c>sigmoid_hard(x, alpha=0.2, beta=0.5)</c> = min(max(alpha·x + beta, 0), 1).</summary>
internal sealed class SigmoidHard : ParametricActivation
{
    public override string Name => "sigmoid_hard";

    protected override float? DefaultAlpha => 0.2f;

    protected override float? DefaultBeta => 0.5f;

    protected override bool HasBeta => true;
}

/// <summary><c>clip(x, alpha, beta)</c> = min(max(x, alpha), beta).</summary>
internal sealed class Clip : ParametricActivation
{
    public override string Name => "clip";

    protected override bool HasBeta => true;
}

/// <summary><c>linear_activation(x, alpha, beta=0)</c> = alpha·x + beta.</summary>
internal sealed class LinearActivation : ParametricActivation
{
    public override string Name => "linear_activation";

    protected override float? DefaultBeta => 0f;

    protected override bool HasBeta => true;
}

/// <summary><c>scaled_tanh(x, alpha=1, beta=1)</c> = alpha·tanh(beta·x).</summary>
internal sealed class ScaledTanh : ParametricActivation
{
    public override string Name => "scaled_tanh";

    protected override float? DefaultAlpha => 1f;

    protected override float? DefaultBeta => 1f;

    protected override bool HasBeta => true;
}

/// <summary><c>clamped_relu(x, alpha, beta)</c> = min(beta, x) if x ≥ 0 else min(beta, alpha·x).</summary>
internal sealed class ClampedRelu : ParametricActivation
{
    public override string Name => "clamped_relu";

    protected override bool HasBeta => true;
}
