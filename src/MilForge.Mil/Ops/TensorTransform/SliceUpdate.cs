using MilForge.Numerics;

namespace MilForge.Mil.Ops.TensorTransform;

/// <summary>
/// iOS18 <c>slice_update(x, update, begin, end, stride, begin_mask, end_mask, squeeze_mask)</c>: x with the slice
/// that <c>slice_by_index</c> would take with the same arguments replaced by update (of the slice's shape, rank ≥ 1).
/// </summary>
internal sealed class SliceUpdate : OpDefinition
{
    private static readonly TypeDomain Indices = new("U", [DataType.Int8, DataType.Int16, DataType.Int32]);

    public override string Name => "slice_update";

    public override DeploymentTarget Since => DeploymentTarget.iOS18;

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.AnyT),
        InputSpec.Required("update", TypeDomain.AnyT),
        InputSpec.Required("begin", Indices),
        InputSpec.Required("end", Indices),
        InputSpec.OptionalConst("stride", Indices),
        InputSpec.OptionalConst("begin_mask", TypeDomain.Bool),
        InputSpec.OptionalConst("end_mask", TypeDomain.Bool),
        InputSpec.OptionalConst("squeeze_mask", TypeDomain.Bool),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var update = inputs.Type("update");
        var slice = SliceByIndex.SlicedDims(inputs);
        if (update.Rank == 0)
        {
            throw inputs.ShapeError("update must not be a scalar");
        }
        if (update.Rank != slice.Count || update.Shape.Dims.Zip(slice).Any(p => p.First.IsKnown && p.Second.IsKnown && p.First != p.Second))
        {
            throw inputs.ShapeError($"update {update.Shape} must have the shape of the slice ({string.Join(", ", slice)})");
        }
        return [inputs.Type("x")];
    }
}
