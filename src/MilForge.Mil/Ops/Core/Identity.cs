namespace MilForge.Mil.Ops.Core;

/// <summary><c>identity(x)</c>: returns x unchanged.</summary>
internal sealed class Identity : OpDefinition
{
    public override string Name => "identity";

    public override IReadOnlyList<InputSpec> Inputs { get; } = [InputSpec.Required("x", TypeDomain.Any)];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs) => [inputs.Value("x").Type];
}
