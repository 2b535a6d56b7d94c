using MilForge.Numerics;

namespace MilForge.Mil.Ops.TensorTransform;

/// <summary>
/// <c>reverse_sequence(x, lengths, seq_axis=0, batch_axis=0)</c>: for each index b along <c>batch_axis</c>, the first
/// <c>lengths[b]</c> elements along <c>seq_axis</c> are reversed and the rest kept. Same type and shape as x.
/// </summary>
internal class ReverseSequence : OpDefinition
{
    public override string Name => "reverse_sequence";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", new TypeDomain("T", [DataType.Float16, DataType.Float32, DataType.Int32, DataType.Bool])),
        InputSpec.Required("lengths", TypeDomain.Int32),
        InputSpec.OptionalConst("seq_axis", TypeDomain.Int32, _ => Tensor.Scalar(0)),
        InputSpec.OptionalConst("batch_axis", TypeDomain.Int32, _ => Tensor.Scalar(0)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var seq = inputs.Axis(inputs.Long("seq_axis"), x.Rank);
        var batch = inputs.Axis(inputs.Long("batch_axis"), x.Rank);
        if (seq == batch)
        {
            throw inputs.ShapeError($"seq_axis and batch_axis must differ (both are {seq})");
        }
        var lengths = inputs.Type("lengths");
        if (lengths.Rank != 1 || (lengths.Shape[0].IsKnown && x.Shape[batch].IsKnown && lengths.Shape[0] != x.Shape[batch]))
        {
            throw inputs.ShapeError($"lengths {lengths.Shape} must be a vector of x.shape[batch_axis] ({x.Shape[batch]}) entries");
        }
        return [x];
    }
}

/// <summary>iOS17 <c>reverse_sequence</c>: x may also be int8/uint8/int16/uint16 and lengths int8/int16.</summary>
internal sealed class ReverseSequenceIos17 : ReverseSequence
{
    public override DeploymentTarget Since => DeploymentTarget.iOS17;

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.AnyT),
        InputSpec.Required("lengths", new TypeDomain(null, [DataType.Int8, DataType.Int16, DataType.Int32])),
        InputSpec.OptionalConst("seq_axis", TypeDomain.Int32, _ => Tensor.Scalar(0)),
        InputSpec.OptionalConst("batch_axis", TypeDomain.Int32, _ => Tensor.Scalar(0)),
    ];
}
