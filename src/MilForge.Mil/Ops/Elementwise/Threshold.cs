namespace MilForge.Mil.Ops.Elementwise;

/// <summary><c>threshold(x, alpha)</c> = max(x, alpha): a lower bound, for fp16, fp32 and int32.</summary>
internal sealed class Threshold : OpDefinition
{
    public override string Name => "threshold";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.NumericT),
        InputSpec.Const("alpha", TypeDomain.NumericT),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs) =>
        inputs.Type("alpha").Rank == 0 ? [inputs.Type("x")] : throw inputs.ShapeError("alpha must be a scalar");
}
