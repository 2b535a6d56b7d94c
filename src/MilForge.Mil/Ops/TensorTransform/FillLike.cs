using MilForge.Numerics;

namespace MilForge.Mil.Ops.TensorTransform;

/// <summary>
/// iOS16 <c>fill_like(ref_tensor, value=0.0)</c>: a tensor of ref_tensor's shape filled with the scalar value, whose
/// type it takes (fp16, fp32, int32 or bool, independent of ref_tensor's).
/// </summary>
internal sealed class FillLike : OpDefinition
{
    private static readonly TypeDomain Plain = new(null, [DataType.Float16, DataType.Float32, DataType.Int32, DataType.Bool]);

    public override string Name => "fill_like";

    public override DeploymentTarget Since => DeploymentTarget.iOS16;

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("ref_tensor", Plain),
        InputSpec.OptionalConst("value", Plain, _ => Tensor.Scalar(0f)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var value = inputs.Type("value");
        return value.Rank == 0
            ? [new TensorType(value.DataType, inputs.Type("ref_tensor").Shape)]
            : throw inputs.ShapeError($"value must be a scalar, got {value.Shape}");
    }
}
