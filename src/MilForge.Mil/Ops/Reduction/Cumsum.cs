using MilForge.Numerics;

namespace MilForge.Mil.Ops.Reduction;

/// <summary>
/// <c>cumsum(x, axis=0, exclusive=False, reverse=False)</c>: running sums along an axis; exclusive starts at 0 (each
/// output leaves its own element out), reverse runs from the end.
/// </summary>
internal sealed class Cumsum : OpDefinition
{
    public override string Name => "cumsum";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.NumericT),
        InputSpec.OptionalConst("axis", TypeDomain.Int32, _ => Tensor.Scalar(0)),
        InputSpec.OptionalConst("exclusive", TypeDomain.Bool, _ => Tensor.Scalar(false)),
        InputSpec.OptionalConst("reverse", TypeDomain.Bool, _ => Tensor.Scalar(false)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        inputs.Axis(inputs.Long("axis"), x.Rank);
        return [x];
    }
}
