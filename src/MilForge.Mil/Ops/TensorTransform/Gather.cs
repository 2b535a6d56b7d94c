using MilForge.Numerics;

namespace MilForge.Mil.Ops.TensorTransform;

/// <summary>
/// <c>gather(x, indices, axis=0)</c>: output shape is x.shape[:axis] + indices.shape + x.shape[axis+1:].
/// Negative indices count from the end (iOS15/16).
/// </summary>
internal class Gather : OpDefinition
{
    public override string Name => "gather";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.AnyT),
        InputSpec.Required("indices", TypeDomain.Integer),
        InputSpec.OptionalConst("axis", TypeDomain.Int32, _ => Tensor.Scalar(0)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var indices = inputs.Type("indices");
        var axis = inputs.Axis(inputs.Long("axis"), x.Rank);
        var dims = new List<Dim>(x.Shape.Dims.Take(axis));
        dims.AddRange(indices.Shape.Dims);
        dims.AddRange(x.Shape.Dims.Skip(axis + 1));
        return [new TensorType(x.DataType, new Shape(dims))];
    }
}

/// <summary><c>gather_along_axis(x, indices, axis=0)</c>: takes along one axis; indices has the rank of x (ONNX GatherElements).</summary>
internal sealed class GatherAlongAxis : OpDefinition
{
    public override string Name => "gather_along_axis";

    public override IReadOnlyList<InputSpec> Inputs { get; } =
    [
        InputSpec.Required("x", TypeDomain.AnyT),
        InputSpec.Required("indices", TypeDomain.Integer),
        InputSpec.OptionalConst("axis", TypeDomain.Int32, _ => Tensor.Scalar(0)),
    ];

    public override IReadOnlyList<MilType> InferTypes(OpInputs inputs)
    {
        var x = inputs.Type("x");
        var indices = inputs.Type("indices");
        inputs.Axis(inputs.Long("axis"), x.Rank);
        return indices.Rank == x.Rank ? [new TensorType(x.DataType, indices.Shape)]
            : throw inputs.ShapeError($"indices {indices.Shape} must have the rank of x {x.Shape}");
    }
}
